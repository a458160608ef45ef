/* A training module's print buttons: the whole pack, or the handouts alone. */
(() => {
  "use strict";
  const { printOnly } = window.tk;

  // The pack button prints the whole page (the print CSS drops the menus); the handouts button
  // prints the handouts section alone, each handout on a page of its own.
  function mountPack(root) {
    const handouts = document.querySelector(".tk-handouts");
    const buttons = root.querySelector("[data-tk-actions]");
    root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-tk-action]");
      if (!button) return;
      if (button.dataset.tkAction === "print-pack") window.print();
      if (button.dataset.tkAction === "print-handouts" && handouts) printOnly(handouts);
    });
    if (!handouts) buttons.querySelector('[data-tk-action="print-handouts"]').remove();
    buttons.hidden = false;
    root.querySelector("[data-tk-nojs]").hidden = true;
  }

  window.tk.components["tk-pack"] = mountPack;
})();
