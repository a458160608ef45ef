/* The interactive toolkit: checklists, storage controls, templates, explorer and planner.
   Loaded by assets/toolkit.js on pages that hold the component; shared helpers come from window.tk. */
(() => {
  "use strict";
  const { fold, loadScript, fill, say, element, printOnly, labelsOf } = window.tk;

  /* ===================================================== interactive toolkit (issue #5)
     Checklists, storage controls, message and log templates, the case-study explorer and the
     engagement planner. What they keep lives in this browser's localStorage, under keys that
     start with "tk:" (tk:checklist:<id>, tk:template:<id>, tk:planner), and nowhere else:
     nothing here sends anything. Every label comes from the page (data-labels attributes,
     written from data/ui/<lang>.yml). Kept in its own scope: its names cannot clash. */

  const toolkitComponents = (() => {
    const PREFIX = "tk:";
    const FORMAT = "techrights-toolkit";
    const KEY = /^tk:(?:checklist:[a-z0-9]+(?:-[a-z0-9]+)*|template:[a-z0-9]+(?:-[a-z0-9]+)*|planner)$/;
    const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    const MAX_IMPORT_BYTES = 2000000;

    /* ----------------------------------------------------------- storage */

    const store = {
      available() {
        try {
          window.localStorage.setItem(`${PREFIX}probe`, "1");
          window.localStorage.removeItem(`${PREFIX}probe`);
          return true;
        } catch (error) {
          return false; // storage disabled, or full
        }
      },
      get(key, fallback) {
        try {
          const raw = window.localStorage.getItem(key);
          return raw === null ? fallback : JSON.parse(raw);
        } catch (error) {
          return fallback;
        }
      },
      set(key, value) {
        try {
          window.localStorage.setItem(key, JSON.stringify(value));
          return true;
        } catch (error) {
          return false;
        }
      },
      remove(key) {
        try {
          window.localStorage.removeItem(key);
        } catch (error) {
          /* nothing to remove */
        }
      },
      keys() {
        const out = [];
        try {
          for (let i = 0; i < window.localStorage.length; i += 1) {
            const key = window.localStorage.key(i);
            if (key && key.startsWith(PREFIX)) out.push(key);
          }
        } catch (error) {
          /* no storage: no keys */
        }
        return out.sort();
      },
    };

    // Components re-read storage when it changes: here (import, clear), or in another tab.
    const listeners = new Set();
    const whenStorageChanges = (element, refresh) => listeners.add({ element, refresh });
    function storageChanged(except) {
      for (const entry of [...listeners]) {
        if (!entry.element.isConnected) listeners.delete(entry); // a page left by instant navigation
        else if (entry.element !== except) entry.refresh();
      }
    }
    window.addEventListener("storage", (event) => {
      if (event.key === null || event.key.startsWith(PREFIX)) storageChanged();
    });

    const isMap = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
    const isStringMap = (value) => isMap(value) && Object.values(value).every((v) => typeof v === "string");

    // What a saved value may look like, per kind of key: anything else in a file is refused.
    function validValue(key, value) {
      if (key.startsWith(`${PREFIX}checklist:`)) return Array.isArray(value) && value.every((v) => typeof v === "string" && ID.test(v));
      if (key === `${PREFIX}planner`) return isStringMap(value);
      if (key.startsWith(`${PREFIX}template:`)) {
        if (!isMap(value) || Object.keys(value).some((k) => k !== "fields" && k !== "rows")) return false;
        if (value.fields !== undefined && !isStringMap(value.fields)) return false;
        return value.rows === undefined || (Array.isArray(value.rows) && value.rows.every(isStringMap));
      }
      return false;
    }

    /* ----------------------------------------------------------- helpers */

    const today = () => new Date().toISOString().slice(0, 10);
    const locale = (lang) => (lang === "en" ? "en-GB" : lang);

    function formatDate(value, lang) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
      try {
        return new Intl.DateTimeFormat(locale(lang), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
      } catch (error) {
        return value;
      }
    }

    function download(filename, body, type) {
      const url = URL.createObjectURL(new Blob([body], { type }));
      const link = element("a", { href: url, download: filename, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 2000);
    }

    // CSV per RFC 4180, with a byte-order mark so spreadsheets read accents; cells that a
    // spreadsheet would run as formulas are prefixed with an apostrophe.
    function csv(rows) {
      const cell = (value) => {
        let text = String(value === undefined || value === null ? "" : value);
        if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
        return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      };
      return `\ufeff${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
    }

    const markdownCell = (value) =>
      String(value || "").replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

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

    const reveal = (root, selector) => {
      for (const node of root.querySelectorAll(selector)) node.hidden = false;
    };

    /* -------------------------------------------- export, import, clear all */

    function exportAll() {
      const data = {};
      for (const key of store.keys()) {
        const value = store.get(key, undefined);
        if (KEY.test(key) && validValue(key, value)) data[key] = value;
      }
      return { format: FORMAT, version: 1, exported: new Date().toISOString(), data };
    }

    // Restores a file made by exportAll: all of it, or (when anything in it is wrong) none of it.
    async function importFile(file) {
      if (!file || file.size > MAX_IMPORT_BYTES) return null;
      let parsed;
      try {
        parsed = JSON.parse(await file.text());
      } catch (error) {
        return null;
      }
      if (!isMap(parsed) || parsed.format !== FORMAT || parsed.version !== 1 || !isMap(parsed.data)) return null;
      const entries = Object.entries(parsed.data);
      if (!entries.every(([key, value]) => KEY.test(key) && validValue(key, value))) return null;
      for (const [key, value] of entries) if (!store.set(key, value)) return null;
      storageChanged();
      return entries.length;
    }

    function clearAll() {
      for (const key of store.keys()) store.remove(key);
      storageChanged();
    }

    function mountStorage(bar) {
      const labels = labelsOf(bar);
      const input = bar.querySelector("[data-tk-import]");
      bar.hidden = false;
      if (!store.available()) {
        for (const button of bar.querySelectorAll("button")) button.disabled = true;
        say(bar, labels.unavailable);
        return;
      }
      actions(
        bar,
        {
          export() {
            const file = `toolkit-data-${today()}.json`;
            const payload = exportAll();
            download(file, `${JSON.stringify(payload, null, 2)}\n`, "application/json");
            say(bar, Object.keys(payload.data).length ? fill(labels.exported, { file }) : labels.empty);
          },
          import() {
            input.click();
          },
        },
        {
          clear() {
            clearAll();
            say(bar, labels.cleared);
          },
        },
      );
      input.addEventListener("change", async () => {
        const file = input.files && input.files[0];
        input.value = "";
        if (!file) return;
        const count = await importFile(file);
        say(bar, count === null ? labels.importBad : fill(labels.imported, { count }));
      });
    }

    /* -------------------------------------------------------- checklists */

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
        if (ticked.length) store.set(key, ticked);
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

    /* --------------------------------------------------------- templates */

    function mountTemplate(root) {
      const id = root.dataset.id;
      const key = `${PREFIX}template:${id}`;
      const lang = root.dataset.lang;
      const title = root.dataset.title;
      const labels = labelsOf(root);
      const fields = JSON.parse(root.dataset.fields);
      const kind = root.dataset.form;
      const saved = () => {
        const value = store.get(key, {});
        return isMap(value) ? value : {};
      };
      const filename = (extension) => `${id}-${today()}.${extension}`;
      const editor = kind === "log" ? logEditor(root, key, fields, labels, saved) : messageEditor(root, key, fields, lang, saved);
      reveal(root, "[data-tk-actions]");
      editor.refresh();
      if (!store.available()) say(root, labels.unavailable);

      const handlers = {
        print: () => printOnly(root),
        markdown() {
          download(filename("md"), editor.markdown(title), "text/markdown;charset=utf-8");
        },
        csv() {
          download(filename("csv"), csv(editor.rows()), "text/csv;charset=utf-8");
        },
        copy() {
          const body = editor.text();
          const done = () => say(root, labels.copied);
          const failed = () => {
            const range = document.createRange();
            range.selectNodeContents(root.querySelector("[data-tk-body]"));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            say(root, labels.copyFailed);
          };
          if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(body).then(done, failed);
          else failed();
        },
        add: () => editor.add(),
      };
      actions(root, handlers, {
        "clear-template"() {
          store.remove(key);
          editor.refresh();
          storageChanged(root);
          say(root, labels.cleared);
        },
      });
      root.addEventListener("click", (event) => {
        const button = event.target.closest("[data-tk-remove]");
        if (button && editor.remove) editor.remove(Number(button.dataset.tkRemove));
      });
      whenStorageChanges(root, editor.refresh);
    }

    function messageEditor(root, key, fields, lang, saved) {
      const form = root.querySelector("[data-tk-form]");
      const body = root.querySelector("[data-tk-body]");
      const slots = [...body.querySelectorAll(".tk-slot")];
      const controls = Object.fromEntries(fields.map((field) => [field.id, form.elements.namedItem(field.id)]));
      const blanks = Object.fromEntries(slots.map((slot) => [slot.dataset.field, slot.textContent]));
      form.hidden = false;
      form.addEventListener("submit", (event) => event.preventDefault());

      const values = () => Object.fromEntries(fields.map((field) => [field.id, controls[field.id].value]));
      const paint = () => {
        const current = values();
        for (const slot of slots) {
          const value = current[slot.dataset.field].trim();
          const type = fields.find((field) => field.id === slot.dataset.field).type;
          slot.textContent = value ? (type === "date" ? formatDate(value, lang) : value) : blanks[slot.dataset.field];
          slot.classList.toggle("tk-slot--filled", Boolean(value));
        }
      };
      form.addEventListener("input", () => {
        const current = values();
        if (Object.values(current).some((value) => value.trim())) store.set(key, { fields: current });
        else store.remove(key);
        paint();
      });
      // The message as plain text: paragraphs, line breaks, blanks as filled in.
      const text = () =>
        [...body.querySelectorAll("p")]
          .map((paragraph) =>
            [...paragraph.childNodes].map((node) => (node.nodeName === "BR" ? "\n" : node.textContent.replace(/\n/g, ""))).join(""),
          )
          .join("\n\n");
      return {
        refresh() {
          const stored = saved().fields || {};
          for (const field of fields) controls[field.id].value = typeof stored[field.id] === "string" ? stored[field.id] : "";
          paint();
        },
        text,
        markdown: (title) => `# ${title}\n\n${text().split("\n\n").map((p) => p.split("\n").join("  \n")).join("\n\n")}\n`,
        rows() {
          const current = values();
          return [[labelsOf(root).field, labelsOf(root).value], ...fields.map((field) => [field.label, current[field.id]])];
        },
      };
    }

    function logEditor(root, key, fields, labels, saved) {
      const list = root.querySelector("[data-tk-entries]");
      const table = root.querySelector("[data-tk-log-table]");
      const model = root.querySelector("template[data-tk-entry]");
      let rows = [];
      list.hidden = false;
      reveal(root, "[data-tk-add]");
      table.classList.add("tk-print-only"); // on screen the entries are edited; on paper, the table

      const persist = () => {
        if (rows.length) store.set(key, { rows });
        else store.remove(key);
      };
      const paintTable = () => {
        const body = table.tBodies[0];
        body.replaceChildren();
        const blankRows = Math.max(3, 6 - rows.length);
        for (const row of [...rows, ...Array(blankRows).fill(null)]) {
          body.append(element("tr", {}, ...fields.map((field) => element("td", {}, row ? row[field.id] || "" : ""))));
        }
      };
      const entry = (row, index) => {
        const number = index + 1;
        const box = element("fieldset", { className: "tk-entry" }, element("legend", {}, fill(labels.entry, { number })));
        const content = model.content.cloneNode(true);
        for (const node of content.querySelectorAll("[id], [for], [aria-describedby]")) {
          for (const attribute of ["id", "for", "aria-describedby"]) {
            const value = node.getAttribute(attribute);
            if (value) node.setAttribute(attribute, value.replace("-N-", `-${number}-`));
          }
        }
        box.append(content);
        for (const field of fields) {
          const control = box.querySelector(`[name="${field.id}"]`);
          control.value = row[field.id] || "";
          control.dataset.row = String(index);
        }
        box.append(element("div", { className: "tk-actions" }, element("button", { type: "button", className: "md-button", "data-tk-remove": String(index) }, labels.remove)));
        return box;
      };
      const render = () => {
        list.replaceChildren(...rows.map(entry));
        if (!rows.length) list.append(element("p", { className: "tk-note" }, labels.empty));
        paintTable();
      };
      list.addEventListener("input", (event) => {
        const control = event.target;
        if (!control.dataset.row) return;
        rows[Number(control.dataset.row)][control.name] = control.value;
        persist();
        paintTable();
      });
      const blank = () => Object.fromEntries(fields.map((field) => [field.id, ""]));
      return {
        refresh() {
          const stored = saved().rows;
          rows = Array.isArray(stored) ? stored.filter(isStringMap).map((row) => ({ ...blank(), ...row })) : [];
          render();
        },
        add() {
          rows.push(blank());
          persist();
          render();
          list.lastElementChild.querySelector("input, textarea").focus();
        },
        remove(index) {
          rows.splice(index, 1);
          persist();
          render();
          const next = list.querySelectorAll("fieldset")[Math.min(index, rows.length - 1)];
          (next ? next.querySelector("input, textarea") : root.querySelector('[data-tk-action="add"]')).focus();
          say(root, labels.removed);
        },
        text: () => "",
        markdown(title) {
          const head = `| ${fields.map((field) => markdownCell(field.label)).join(" | ")} |`;
          const rule = `|${fields.map(() => "---").join("|")}|`;
          const lines = rows.map((row) => `| ${fields.map((field) => markdownCell(row[field.id])).join(" | ")} |`);
          return `# ${title}\n\n${[head, rule, ...lines].join("\n")}\n`;
        },
        rows: () => [fields.map((field) => field.label), ...rows.map((row) => fields.map((field) => row[field.id] || ""))],
      };
    }

    /* ------------------------------------------------ data of the explorer and planner */

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

    /* ------------------------------------------------- case-study explorer */

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
              element("a", { href: base + item.u }, item.t),
              ` — ${item.w}`,
              element("br"),
              element("span", { className: "tk-explorer__summary" }, item.s),
            ),
          ),
        );
        const active = Object.values(filters).some(Boolean);
        const total = data.cases.length;
        count.textContent = !active ? fill(labels.all, { total }) : found.length ? fill(labels.count, { count: found.length, total }) : labels.none;
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

    /* ------------------------------------------------------ engagement planner */

    const unique = (list) => [...new Set(list)];

    // The plan as data: a title, notes and sections of items {text, href, detail, steps, then}.
    function buildPlan(data, choice, labels) {
      const type = data.types[choice.type];
      const topic = choice.topic ? data.topics[choice.topic] : null;
      const pick = (table, refs) => refs.filter((ref) => table[ref]).map((ref) => ({ ref, ...table[ref] }));
      const routes = Object.entries(data.routes)
        .filter(([, route]) => route.pl.includes(choice.safety))
        .map(([ref, route]) => ({ ref, ...route }));
      const plan = {
        title: topic ? fill(labels.headingTopic, { type: type.n, topic: topic.n }) : fill(labels.heading, { type: type.n }),
        answer: `${labels.safeQuestion} ${labels[`answer_${choice.safety}`]}`,
        notes: choice.safety === "unsure" ? [labels.unsureNote] : choice.safety === "unsafe" ? [labels.unsafeNote] : [],
        sections: [],
      };
      const section = (heading, items, ordered = false) => {
        if (items.length) plan.sections.push({ heading, items, ordered });
      };
      if (choice.safety !== "safe") {
        const safety = data.checklists["meeting-safety"];
        section(labels.safetyFirst, [
          ...(safety ? [{ text: safety.n, href: safety.u, checklist: "meeting-safety", total: safety.k }] : []),
          { text: labels.pathLink, href: data.path },
        ]);
      }
      section(
        labels.routes,
        routes.map((route) => ({
          text: route.n,
          href: route.u,
          detail: route.s,
          steps: route.steps,
          then: pick(data.routes, route.then).map((next) => ({ text: next.n, href: next.u })),
        })),
      );
      section(labels.challenges, type.ch.map((text) => ({ text })));
      section(labels.departments, pick(data.departments, type.dp).map((d) => ({ text: d.n, href: d.u, detail: d.w })));
      section(
        labels.strategies,
        pick(data.strategies, unique([...type.st, ...routes.flatMap((route) => route.st)])).map((s) => ({ text: s.n, href: s.u })),
      );
      section(labels.frameworks, pick(data.frameworks, type.fw).map((f) => ({ text: f.n, href: f.u })));
      section(
        labels.checklists,
        pick(data.checklists, unique(routes.flatMap((route) => route.cl))).map((c) => ({ text: c.n, href: c.u, checklist: c.ref, total: c.k })),
      );
      section(labels.templates, pick(data.templates, unique(routes.flatMap((route) => route.tp))).map((t) => ({ text: t.n, href: t.u })));
      const caseItem = (item) => ({ text: item.t, href: item.u, detail: item.w });
      const ofType = (item) => item.ct.includes(choice.type);
      const onTopic = (item) => Boolean(choice.topic) && item.tp.includes(choice.topic);
      const close = data.cases.filter((item) => ofType(item) && (!choice.topic || onTopic(item)));
      const near = choice.topic ? data.cases.filter((item) => !close.includes(item) && (ofType(item) || onTopic(item))) : [];
      if (close.length) section(labels.cases, close.map(caseItem));
      else section(labels.cases, [{ text: labels.noCases }]);
      section(labels.casesOther, near.map(caseItem));
      section(labels.readMore, [
        { text: `${labels.typePage} ${type.n}`, href: type.u },
        ...(topic ? [{ text: topic.n, href: topic.u }] : []),
      ]);
      return plan;
    }

    function progressOf(ref, total, labels) {
      const saved = store.get(`${PREFIX}checklist:${ref}`, []);
      const done = Array.isArray(saved) ? saved.length : 0;
      return done ? ` (${fill(labels.progress, { done: Math.min(done, total), total })})` : "";
    }

    function renderPlan(plan, base, labels) {
      const link = (item) => (item.href ? element("a", { href: base + item.href }, item.text) : document.createTextNode(item.text));
      const out = [element("h2", { id: "tk-plan-title" }, plan.title), element("p", {}, plan.answer)];
      for (const note of plan.notes) out.push(element("p", { className: "tk-planner__note" }, note));
      for (const section of plan.sections) {
        const list = element(section.ordered ? "ol" : "ul");
        for (const item of section.items) {
          const li = element("li", {}, link(item));
          if (item.checklist) li.append(progressOf(item.checklist, item.total, labels));
          if (item.detail) li.append(element("br"), element("span", { className: "tk-planner__detail" }, item.detail));
          if (item.steps) li.append(element("ol", {}, ...item.steps.map((step) => element("li", {}, step))));
          if (item.then && item.then.length) {
            const then = element("p", {}, `${labels.ifFails} `);
            item.then.forEach((next, index) => then.append(index ? ", " : "", link(next)));
            li.append(then);
          }
          list.append(li);
        }
        out.push(element("h3", {}, section.heading), list);
      }
      return out;
    }

    function planMarkdown(plan, base) {
      const absolute = (href) => new URL(base + href, window.location.href).href;
      const link = (item) => (item.href ? `[${item.text}](${absolute(item.href)})` : item.text);
      const lines = [`# ${plan.title}`, "", plan.answer, ""];
      for (const note of plan.notes) lines.push(`> ${note}`, "");
      for (const section of plan.sections) {
        lines.push(`## ${section.heading}`, "");
        for (const item of section.items) {
          lines.push(`- ${link(item)}${item.detail ? `: ${item.detail}` : ""}`);
          (item.steps || []).forEach((step, index) => lines.push(`    ${index + 1}. ${step}`));
          if (item.then && item.then.length) lines.push(`    - ${item.then.map(link).join(", ")}`);
        }
        lines.push("");
      }
      return `${lines.join("\n")}\n`;
    }

    async function mountPlanner(root) {
      const key = `${PREFIX}planner`;
      const labels = labelsOf(root);
      const base = root.dataset.root;
      const form = root.querySelector("[data-tk-form]");
      const output = root.querySelector("[data-tk-plan]");
      // The plan draws on every case study: their data loads when a plan is asked for (or the
      // reader starts filling in the form), not with the page.
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
      const controls = {
        type: form.elements.namedItem("type"),
        topic: form.elements.namedItem("topic"),
      };
      const choice = () => ({
        type: controls.type.value,
        topic: controls.topic.value,
        safety: (form.querySelector('input[name="safety"]:checked') || { value: "unsure" }).value,
      });
      const restore = (value) => {
        const offered = (control, v) => [...control.options].some((option) => option.value === v);
        controls.type.value = value.type && offered(controls.type, value.type) ? value.type : "";
        controls.topic.value = value.topic && offered(controls.topic, value.topic) ? value.topic : "";
        const radio = form.querySelector(`input[name="safety"][value="${["safe", "unsafe", "unsure"].includes(value.safety) ? value.safety : "unsure"}"]`);
        radio.checked = true;
      };
      let plan = null;
      const show = (focus) => {
        const current = choice();
        if (!data || !data.types[current.type]) {
          output.hidden = true;
          plan = null;
          root.querySelector("[data-tk-actions]").hidden = true;
          return false;
        }
        plan = buildPlan(data, current, labels);
        output.replaceChildren(...renderPlan(plan, base, labels));
        output.hidden = false;
        root.querySelector("[data-tk-actions]").hidden = false;
        if (focus) output.focus();
        return true;
      };
      const refresh = () => {
        const saved = store.get(key, null);
        if (isStringMap(saved)) {
          restore(saved);
          ensureData().then(() => show(false));
        } else {
          form.reset();
          show(false);
        }
      };
      const stored = store.get(key, null);
      const wanted = new URLSearchParams(window.location.search).get("type");
      restore({ ...(isStringMap(stored) ? stored : {}), ...(wanted ? { type: wanted } : {}) });
      if (controls.type.value) await ensureData().then(() => show(false));
      form.addEventListener("focusin", ensureData, { once: true });
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        await ensureData();
        if (!show(true)) {
          say(root, labels.needType);
          controls.type.focus();
          return;
        }
        store.set(key, choice());
        storageChanged(root);
        say(root, labels.saved);
      });
      form.addEventListener("change", () => {
        if (!plan) return;
        if (show(false)) {
          store.set(key, choice());
          storageChanged(root);
        }
      });
      actions(
        root,
        {
          print: () => printOnly(root),
          markdown: () => plan && download(`plan-${choice().type}-${today()}.md`, planMarkdown(plan, base), "text/markdown;charset=utf-8"),
          "clear-plan"() {
            store.remove(key);
            storageChanged(root);
            form.reset();
            show(false);
            say(root, labels.cleared);
            controls.type.focus();
          },
        },
      );
      whenStorageChanges(root, refresh);
      root.dataset.ready = "true";
    }

    return {
      "tk-storage": mountStorage,
      "tk-checklist": mountChecklist,
      "tk-template": mountTemplate,
      "tk-explorer": mountExplorer,
      "tk-planner": mountPlanner,
    };
  })();

  Object.assign(window.tk.components, toolkitComponents);
})();
