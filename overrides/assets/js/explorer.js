/* The case-study explorer: filters over every case study, kept in the page's address (not in
   storage), with the case studies' data loaded only once the reader starts to filter. */
(() => {
  "use strict";
  const { fold, fill, element, labelsOf, lazyToolData } = window.tk;

  const FILTERS = ["q", "region", "country", "type", "topic", "strategy", "result", "year"];

  function matches(item, filters, data) {
    const has = (list, value) => list.map(String).includes(value);
    if (filters.region && item.r !== filters.region) return false;
    if (filters.country && !has(item.c, filters.country)) return false;
    if (filters.type && !has(item.ct, filters.type)) return false;
    if (filters.topic && !has(item.tp, filters.topic)) return false;
    if (filters.strategy && !has(item.st, filters.strategy)) return false;
    if (filters.result && item.o !== filters.result) return false;
    if (filters.year && !has(item.y, filters.year)) return false;
    if (filters.q) {
      const names = (ids, table) => ids.map((ref) => (table[ref] ? table[ref].n : "")).join(" ");
      const haystack = fold(
        [item.t, item.s, item.w, item.x, names(item.ct, data.types), names(item.tp, data.topics), names(item.st, data.strategies)].join(" "),
      );
      if (!fold(filters.q).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word))) return false;
    }
    return true;
  }

  async function mountExplorer(root) {
    const labels = labelsOf(root);
    const form = root.querySelector("form");
    const count = root.querySelector("[data-tk-count]");
    const list = root.querySelector("[data-tk-results]");
    const base = root.dataset.root;
    // The case studies' data grows with their number: it loads when the reader starts to
    // filter (or arrives with filters in the address), not with the page.
    let data = null;
    const ensureData = lazyToolData(
      root,
      (loaded) => {
        data = loaded;
        apply();
        root.dataset.ready = "true";
      },
      () => {
        count.textContent = labels.error;
      },
    );
    // The address restores the filters: only values the form offers are taken.
    const params = new URLSearchParams(window.location.search);
    let restored = false;
    for (const name of FILTERS) {
      const control = form.elements.namedItem(name);
      const value = params.get(name);
      if (!control || value === null) continue;
      if (control.tagName === "SELECT" && ![...control.options].some((option) => option.value === value)) continue;
      control.value = value;
      restored = true;
    }
    form.hidden = false;
    // the links to the filtered listings are for readers without JavaScript
    root.querySelector("[data-tk-fallback]").hidden = true;

    const current = () => Object.fromEntries(FILTERS.map((name) => [name, form.elements.namedItem(name).value.trim()]));
    const apply = () => {
      if (!data) {
        count.textContent = labels.loading || "";
        ensureData();
        return;
      }
      const filters = current();
      const found = data.cases.filter((item) => matches(item, filters, data));
      list.replaceChildren(
        ...found.map((item) =>
          element(
            "li",
            { "data-id": item.id },
            // A record's text may be in another language than the page, written the other way
            // (an English title on an Arabic page): each run is isolated, so its punctuation stays put.
            element("a", { href: base + item.u, dir: "auto" }, item.t),
            " — ",
            element("bdi", {}, item.w),
            element("br"),
            element("span", { className: "tk-explorer__summary", dir: "auto" }, item.s),
          ),
        ),
      );
      const active = Object.values(filters).some(Boolean);
      const total = data.cases.length;
      count.textContent = !active ? fill(labels.all, { total }) : found.length ? fill(found.length === 1 ? labels.countOne : labels.count, { count: found.length, total }) : labels.none;
      try {
        const url = new URL(window.location.href);
        for (const name of FILTERS) {
          if (filters[name]) url.searchParams.set(name, filters[name]);
          else url.searchParams.delete(name);
        }
        if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
      } catch (error) {
        /* file:// pages may refuse history changes; the filters still work */
      }
    };
    let timer = 0;
    form.addEventListener("input", (event) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, event.target.type === "search" ? 150 : 0);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      apply();
    });
    form.addEventListener("reset", () => window.setTimeout(apply, 0));
    form.addEventListener("focusin", ensureData, { once: true });
    if (restored) ensureData();
  }

  window.tk.components["tk-explorer"] = mountExplorer;
})();
