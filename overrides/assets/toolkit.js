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

  // "{count} of {total}" with values filled in; unknown placeholders stay as they are.
  const fill = (template, values) =>
    String(template || "").replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));

  // A message in a component's live region; cleared first so a repeated message is announced again.
  function say(root, message) {
    const status = root.querySelector("[data-tk-status]");
    if (!status) return;
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = message;
    }, 60);
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  }

  // Print one part of the page: the rest is hidden while printing (toolkit.css, @media print).
  function printOnly(target) {
    const html = document.documentElement;
    for (const old of document.querySelectorAll(".tk-print-target")) old.classList.remove("tk-print-target");
    target.classList.add("tk-print-target");
    html.classList.add("tk-printing");
    const done = () => {
      html.classList.remove("tk-printing");
      target.classList.remove("tk-print-target");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  // A component's UI strings, written into its data-labels attribute from data/ui/<lang>.yml.
  const labelsOf = (node) => JSON.parse(node.dataset.labels || "{}");

  // Today's date as YYYY-MM-DD, for the names of downloaded files.
  const today = () => new Date().toISOString().slice(0, 10);

  // A file made in the browser (a blob: address) and saved by it: nothing is fetched or sent.
  function download(filename, body, type) {
    const url = URL.createObjectURL(new Blob([body], { type }));
    const link = element("a", { href: url, download: filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 2000);
  }

  // Buttons with data-tk-action="name" call handlers[name](button). An action with an inline
  // confirmation ("reset") shows it; "reset-yes" and "reset-no" close it. No dialog boxes.
  function actions(root, handlers, confirmations = {}) {
    let trigger = null;
    const box = (name) => root.querySelector(`[data-tk-confirm="${name}"]`);
    root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-tk-action]");
      if (!button || !root.contains(button)) return;
      const name = button.dataset.tkAction;
      if (name in confirmations) {
        trigger = button;
        const confirm = box(name);
        confirm.hidden = false;
        confirm.querySelector("button").focus();
        return;
      }
      const answer = /^(.*)-(yes|no)$/.exec(name);
      if (answer && answer[1] in confirmations) {
        box(answer[1]).hidden = true;
        if (answer[2] === "yes") confirmations[answer[1]]();
        if (trigger && trigger.isConnected) trigger.focus();
        return;
      }
      if (handlers[name]) handlers[name](button);
    });
  }

  // Show the controls a component hid until its script could run them.
  const reveal = (root, selector) => {
    for (const node of root.querySelectorAll(selector)) node.hidden = false;
  };

  // One script per language (assets/toolkit-data/<lang>.js), loaded only where it is needed;
  // a script rather than fetch() so that it also loads from file://.
  async function toolData(root, lang) {
    const loaded = () => window.__tkData && window.__tkData[lang];
    if (!loaded()) await loadScript(`${root}assets/toolkit-data/${lang}.js`);
    if (!loaded()) throw new Error("no toolkit data");
    return window.__tkData[lang];
  }

  // A component's data, loaded the first time it is asked for (then the same promise again).
  function lazyToolData(component, onLoad, onError) {
    let loading = null;
    return () => (loading = loading || toolData(component.dataset.root, component.dataset.lang).then(onLoad, onError));
  }

  const tk = (window.tk = {
    fold,
    loadScript,
    fill,
    say,
    element,
    printOnly,
    labelsOf,
    download,
    today,
    actions,
    reveal,
    lazyToolData,
    components: {},
  });

  // Which modules (assets/js/<module>.js) mount which data attribute, in the order they load:
  // the storage layer comes before the components that save.
  const MODULES = {
    "tk-search": ["search"],
    "tk-contribute": ["contribute"],
    "tk-storage": ["storage"],
    "tk-checklist": ["storage", "checklist"],
    "tk-list-progress": ["storage", "checklist"],
    "tk-template": ["storage", "templates"],
    "tk-explorer": ["explorer"],
    "tk-planner": ["planner"],
    "tk-plan": ["plan"],
    "tk-pack": ["pack"],
    "tk-builder": ["session-builder"],
  };
  // Each module's file, beside this one. The build names the files after their content, so that
  // a host may cache them for good (postbuild/assets.py fills this in); as written here, the plain names.
  const MODULE_FILES = {};
  const fileOf = (module) => MODULE_FILES[module] || `js/${module}.js`;
  const loading = {};
  const load = (module) => (loading[module] = loading[module] || loadScript(new URL(fileOf(module), here).href));

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

  /* ------------------------------------------------------- language menu */

  // Switching language keeps what the address holds: the search's words, the explorer's filters,
  // a plan's safety answer, the section read. Taken at the moment of the click, so that filters
  // changed since the page opened come along too.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
      if (!link) return;
      if (!link.dataset.tkHref) link.dataset.tkHref = link.href;
      const target = new URL(link.dataset.tkHref, window.location.href);
      if (target.search || target.hash) return;
      target.search = window.location.search;
      target.hash = window.location.hash;
      link.href = target.href;
    },
    true,
  );

  /* ------------------------------------------------------------- toggles */

  // The drawer and search toggles are checkboxes, which a browser may restore on reload or Back
  // (Material's autocomplete="off" on them is invalid HTML, theme_html.py drops it): start closed.
  window.addEventListener("pageshow", () => {
    for (const id of ["__drawer", "__search"]) {
      const toggle = document.getElementById(id);
      if (toggle && toggle.checked) toggle.click();
    }
  });

  /* --------------------------------------------------------------- mount */

  // The header's search field loads the search module only once the reader types in it.
  function armHeaderSearch() {
    for (const form of document.querySelectorAll("[data-tk-header-search]:not([data-armed])")) {
      form.dataset.armed = "true";
      const input = form.querySelector("input");
      const start = () => {
        input.removeEventListener("input", start);
        load("search")
          .then(() => {
            form.dataset.mounted = "true";
            tk.components["tk-header-search"](form);
          })
          .catch(() => {
            /* the form still opens the search page */
          });
      };
      input.addEventListener("input", start);
    }
  }

  async function mountAll() {
    labelScrollingTables();
    armHeaderSearch();
    for (const [name, modules] of Object.entries(MODULES)) {
      const elements = document.querySelectorAll(`[data-${name}]:not([data-mounted])`);
      if (!elements.length) continue;
      try {
        for (const module of modules) await load(module);
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
