/* The engagement planner: company type, issue and safety in; out, the plan page for them, with the
   safety answer in its address (?safety=), so a plan is shared, bookmarked and printed as a page.
   Nothing is stored: the address is the plan. */
(() => {
  "use strict";
  const { say, labelsOf, lazyToolData } = window.tk;
  const ANSWERS = ["safe", "unsafe", "unsure"];

  // Whether Material's instant navigation is on (mkdocs.yml theme.features), read from its config
  function instant() {
    const config = document.getElementById("__config");
    if (!config || !window.location$ || typeof window.location$.next !== "function") return false;
    try {
      return (JSON.parse(config.textContent).features || []).includes("navigation.instant");
    } catch (error) {
      return false;
    }
  }

  function mountPlanner(root) {
    const labels = labelsOf(root);
    const form = root.querySelector("[data-tk-form]");
    const controls = { type: form.elements.namedItem("type"), topic: form.elements.namedItem("topic") };
    // The address of every plan page: loaded when the reader starts on the form, not with the page
    let data = null;
    const ensureData = lazyToolData(
      root,
      (loaded) => {
        data = loaded;
      },
      () => say(root, labels.error),
    );
    root.querySelector("[data-tk-fallback]").hidden = true;
    form.hidden = false;
    // A link such as ?type=social-media-platforms&topic=privacy (from a plan's "change the choices"
    // or a company type's page) fills the form in.
    const wanted = new URLSearchParams(window.location.search);
    const offered = (control, value) => [...control.options].some((option) => option.value === value);
    for (const name of ["type", "topic"]) {
      const value = wanted.get(name);
      if (value && offered(controls[name], value)) controls[name].value = value;
    }
    const safety = wanted.get("safety");
    if (ANSWERS.includes(safety)) form.querySelector(`input[name="safety"][value="${safety}"]`).checked = true;
    form.addEventListener("focusin", ensureData, { once: true });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!controls.type.value) {
        say(root, labels.needType);
        controls.type.focus();
        return;
      }
      await ensureData();
      const plans = data && data.plans && data.plans[controls.type.value];
      const address = plans && plans[controls.topic.value || ""];
      if (!address) return;
      const answer = (form.querySelector('input[name="safety"]:checked') || { value: "unsure" }).value;
      const target = new URL(`${root.dataset.root}${address}?safety=${encodeURIComponent(answer)}`, window.location.href);
      // Material's instant navigation, where the site turns it on; a plain page load otherwise.
      // Material adds a history entry only for the links it intercepts: the plan's address (which
      // is the plan, and what a reader shares) goes into the history before the page is fetched.
      if (instant() && target.protocol !== "file:") {
        window.history.pushState(null, "", target.href);
        window.location$.next(target);
      } else window.location.href = target.href;
    });
    root.dataset.ready = "true";
    // The list left beside the form leaves the layout when the page is idle (toolkit.css).
    const settle = () => (root.dataset.settled = "true");
    if (window.requestIdleCallback) window.requestIdleCallback(settle, { timeout: 2000 });
    else window.setTimeout(settle, 200);
  }

  window.tk.components["tk-planner"] = mountPlanner;
})();
