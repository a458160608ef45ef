/* Message and log templates: filled in on the page, kept in this browser (tk:template:<id>),
   copied, printed, or downloaded as Markdown or CSV. */
(() => {
  "use strict";
  const { say, fill, element, labelsOf, actions, reveal, printOnly, download, today } = window.tk;
  const { PREFIX, store, ask, changed: storageChanged, whenChanged: whenStorageChanges, isMap, isStringMap } = window.tk.storage;

  const locale = (lang) => (lang === "en" ? "en-GB" : lang);

  function formatDate(value, lang) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    try {
      return new Intl.DateTimeFormat(locale(lang), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
    } catch (error) {
      return value;
    }
  }

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
    const filename = (extension) => `${root.dataset.file}-${today()}.${extension}`;
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
      if (Object.values(current).some((value) => value.trim())) {
        store.set(key, { fields: current });
        ask(root);
      }
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
    // On screen the entries are edited; on paper, the table (with the box it scrolls in).
    table.classList.add("tk-print-only");
    if (table.parentElement.classList.contains("tk-table-scroll")) table.parentElement.classList.add("tk-print-only");

    const persist = () => {
      if (rows.length) {
        store.set(key, { rows });
        ask(root);
      }
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

  window.tk.components["tk-template"] = mountTemplate;
})();
