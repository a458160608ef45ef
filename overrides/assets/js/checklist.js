/* A checklist: ticks saved in this browser (tk:checklist:<id>), progress, print and reset. */
(() => {
  "use strict";
  const { say, fill, labelsOf, actions, reveal, printOnly } = window.tk;
  const { PREFIX, store, ask, changed: storageChanged, whenChanged: whenStorageChanges } = window.tk.storage;

  function mountChecklist(root) {
    const key = `${PREFIX}checklist:${root.dataset.id}`;
    const labels = labelsOf(root);
    const boxes = [...root.querySelectorAll('input[type="checkbox"]')];
    const names = new Set(boxes.map((box) => box.name));
    const progress = root.querySelector("[data-tk-progress]");
    const saved = () => {
      const value = store.get(key, []);
      return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
    };
    const show = () => {
      const done = boxes.filter((box) => box.checked).length;
      progress.textContent = fill(labels.progress, { done, total: boxes.length });
      root.classList.toggle("tk-checklist--complete", done === boxes.length);
    };
    const refresh = () => {
      const ticked = new Set(saved());
      for (const box of boxes) box.checked = ticked.has(box.name);
      show();
    };
    const save = () => {
      // Items this page does not show (kept by an older or newer version) stay saved.
      const ticked = saved().filter((name) => !names.has(name));
      ticked.push(...boxes.filter((box) => box.checked).map((box) => box.name));
      if (ticked.length) {
        store.set(key, ticked);
        ask(root); // the first time something is kept: on this device, or for this tab only?
      }
      else store.remove(key);
      storageChanged(root);
    };
    reveal(root, "[data-tk-progress], [data-tk-actions]");
    refresh();
    if (!store.available()) say(root, labels.unavailable);
    root.addEventListener("change", (event) => {
      if (event.target.type !== "checkbox") return;
      save();
      show();
    });
    actions(
      root,
      { print: () => printOnly(root) },
      {
        reset() {
          for (const box of boxes) box.checked = false;
          save();
          show();
          say(root, labels.resetDone);
        },
      },
    );
    whenStorageChanges(root, refresh);
  }

  // A checklist's progress beside its name in a listing, from what this browser kept.
  function mountProgress(node) {
    const labels = labelsOf(node);
    const total = Number(node.dataset.total);
    const show = () => {
      const saved = store.get(`${PREFIX}checklist:${node.dataset.id}`, []);
      const done = Array.isArray(saved) ? Math.min(saved.length, total) : 0;
      node.textContent = done ? ` (${fill(labels.progress, { done, total })})` : "";
      node.hidden = !done;
    };
    show();
    whenStorageChanges(node, show);
  }

  window.tk.components["tk-checklist"] = mountChecklist;
  window.tk.components["tk-list-progress"] = mountProgress;
})();
