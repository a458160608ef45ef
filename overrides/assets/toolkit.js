/* The toolkit's JavaScript entry, on every page. It holds the helpers the components share and
   loads each component's module (assets/js/<module>.js) only on pages that hold it, so a page
   without a checklist or a search box fetches none of their code. Components mount from a
   data-tk-* attribute; nothing here talks to any server but this site. */
(() => {
  "use strict";

  // This file's own address: modules sit beside it, under any site path and from file://.
  const here = document.currentScript ? document.currentScript.src : "";

  // Accent- and case-insensitive form of a text: "Protección" -> "proteccion".
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  // A script element works from file:// too, where fetch() of a local file does not.
  const loadScript = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(script);
    });

  const tk = (window.tk = { fold, loadScript, components: {} });

  // Which module mounts which data attribute.
  const MODULES = {
    "tk-search": "search",
    "tk-contribute": "contribute",
    "tk-storage": "tools",
    "tk-checklist": "tools",
    "tk-template": "tools",
    "tk-explorer": "tools",
    "tk-planner": "tools",
  };
  const loading = {};
  const load = (module) => (loading[module] = loading[module] || loadScript(new URL(`js/${module}.js`, here).href));

  /* -------------------------------------------------------------- tables */

  // Material wraps wide tables in a scrolling box; keyboard users must be able to reach and scroll it.
  function labelScrollingTables() {
    const config = document.getElementById("tk-config");
    const label = config ? JSON.parse(config.textContent).scrollTable : "";
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (label) wrap.setAttribute("aria-label", label);
    }
  }

  /* --------------------------------------------------------------- mount */

  async function mountAll() {
    labelScrollingTables();
    for (const [name, module] of Object.entries(MODULES)) {
      const elements = document.querySelectorAll(`[data-${name}]:not([data-mounted])`);
      if (!elements.length) continue;
      try {
        await load(module);
      } catch (error) {
        continue; // the page keeps its no-JavaScript form
      }
      for (const element of elements) {
        element.dataset.mounted = "true";
        tk.components[name](element);
      }
    }
  }

  // Material's document$ emits on every page, instant navigation included.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  else document.addEventListener("DOMContentLoaded", mountAll);
})();
