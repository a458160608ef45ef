/* The contribute page's case-study form: checks, YAML and plain text, all in the browser.
   Loaded by assets/toolkit.js on pages that hold the component; shared helpers come from window.tk. */
(() => {
  "use strict";
  const { fold, loadScript, download } = window.tk;

  /* ---------------------------------------------------- contribute form */

  // The contribute page's case-study form (issue #7). It checks an entry by the rules of the
  // Python validator, which travel in the page as data (techrights/submission.py), and turns it
  // into a YAML record in the style of data/case_studies.yml and a plain-text version, to copy or
  // download. It sends nothing and stores nothing: no request, no storage, and no control has a
  // `name`, so even a submitted form would carry no value.

  const YAML_WORDS = new Set(["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"]);
  const chars = (text) => Array.from(text).length; // code points, as Python counts them
  const fillIn = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, key) => (values && key in values ? String(values[key]) : match));
  // Line breaks made uniform, lone surrogates replaced, surrounding space removed.
  const clean = (text) =>
    text
      .replace(/\r\n?/g, "\n")
      .replace(/[ \t]+\n/g, "\n")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
      .trim();
  const linesOf = (text) => clean(text).split("\n").map((line) => line.trim()).filter(Boolean);
  // Translations line up with the English lines by position; an empty line leaves one untranslated.
  const positions = (text) => {
    const lines = clean(`x${text}`).slice(1).split("\n").map((line) => line.trim());
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    return lines;
  };

  // An id from a title, as techrights.scaffold.slugify: accents dropped, lowercase words, hyphens.
  function slugify(text, limit = 80) {
    const words = text.normalize("NFKD").replace(/[^\x00-\x7F]/g, "").toLowerCase().match(/[a-z0-9]+/g) || [];
    let out = "";
    for (const word of words) {
      const candidate = out ? `${out}-${word}` : word;
      if (candidate.length > limit) break;
      out = candidate;
    }
    return out;
  }

  // models._check_https: no spaces, https, a host name with a dot, no user name or password.
  function isHttpsUrl(value, max) {
    if (!value || chars(value) > max || /\s/u.test(value)) return false;
    let url;
    try {
      url = new URL(value);
    } catch (error) {
      return false;
    }
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  }

  function isDate(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const [year, month, day] = match.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  // The language chosen for the texts; the site's first (English) when there is no choice.
  function chosenLanguage(form, languages) {
    const picker = form.querySelector('[data-tk-field="lang"]');
    return picker && languages.includes(picker.value) ? picker.value : languages[0];
  }

  function todayIso() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  // Reads the form into a record, checking each field; returns { record, errors: {field: message} }.
  function checkEntry(form, rules) {
    const languages = rules.languages.map(([code]) => code);
    const names = Object.fromEntries(rules.languages);
    // The texts are required in the language the contributor writes in (any site language).
    const source = chosenLanguage(form, languages);
    const others = languages.filter((lang) => lang !== source);
    const message = (key, values) => fillIn(rules.messages[key], values);
    const lastYear = new Date().getFullYear();
    const idPattern = new RegExp(rules.idPattern);
    const record = {};
    const errors = {};
    const tooLong = (texts, max) => {
      const long = texts.find((text) => chars(text) > max);
      return long === undefined ? null : message("too_long", { max, count: chars(long) });
    };
    for (const field of rules.fields) {
      const name = field.name;
      const controls = Array.from(form.querySelectorAll(`[data-tk-field="${name}"]`));
      const inLanguage = (lang) => {
        const control = controls.find((element) => element.dataset.lang === lang);
        return control ? control.value : "";
      };
      const single = controls.length ? controls[0].value : "";
      let problem = null;
      let value;
      switch (field.kind) {
        case "id":
          value = clean(single);
          if (!value) problem = message("required");
          else if (chars(value) > field.maxLength) problem = message("too_long", { max: field.maxLength, count: chars(value) });
          else if (!idPattern.test(value)) problem = message("id_pattern");
          else if (rules.taken.includes(value)) problem = message("id_taken");
          break;
        case "language":
          value = single;
          if (!languages.includes(value)) problem = message("choice");
          if (value === languages[0]) value = undefined; // English needs no lang: line
          break;
        case "text": {
          value = {};
          for (const lang of [source, ...others]) {
            const text = clean(inLanguage(lang));
            if (text) value[lang] = text;
          }
          const given = Object.keys(value).length;
          if (!value[source] && (given || field.required))
            problem = given ? message("original", { language: names[source] }) : message("required");
          else problem = tooLong(Object.values(value), field.maxLength);
          if (!given && !field.required) value = undefined;
          break;
        }
        case "texts": {
          const english = linesOf(inLanguage(source));
          value = english.map((text) => ({ [source]: text }));
          for (const lang of others) {
            const translated = positions(inLanguage(lang));
            if (translated.length > english.length) problem = problem || message("lines", { language: names[lang] });
            else translated.forEach((text, index) => text && (value[index][lang] = text));
          }
          if (!problem && value.length < field.minItems) problem = message("min_items", { min: field.minItems });
          problem = problem || tooLong(value.flatMap((item) => Object.values(item)), field.maxLength);
          break;
        }
        case "choice":
          value = single;
          if (!value) problem = message("required");
          else if (!field.choices.includes(value)) problem = message("choice");
          break;
        case "countries":
          value = clean(single).split(/[\s,;]+/).filter(Boolean);
          for (const code of value) {
            if (rules.countries.includes(code)) continue;
            const upper = code.toUpperCase();
            problem = rules.countries.includes(upper) ? message("country_case", { code: upper }) : message("country", { code });
            break;
          }
          break;
        case "years": {
          const words = clean(single).split(/[\s,;]+/).filter(Boolean);
          value = words.map(Number);
          const bad = words.find((word) => !/^\d+$/.test(word) || Number(word) < rules.firstYear || Number(word) > lastYear);
          if (bad !== undefined) problem = message("year", { year: bad, first: rules.firstYear, last: lastYear });
          else if (value.some((year, index) => index && year <= value[index - 1])) problem = message("years_order");
          break;
        }
        case "refs": // checkboxes, or one multiple choice box for a long list
          value = controls.flatMap((control) =>
            control.tagName === "SELECT" ? Array.from(control.selectedOptions, (option) => option.value) : control.checked ? [control.value] : [],
          );
          if (value.length < field.minItems) problem = message("min_items", { min: field.minItems });
          break;
        case "organisations": {
          const [least, most] = rules.nameLength;
          value = linesOf(single).map((line) => {
            const words = line.split(/\s+/);
            const last = words[words.length - 1];
            const isAddress = words.length > 1 && (/^[a-z][a-z0-9+.-]*:\S/i.test(last) || /^www\./i.test(last));
            return isAddress ? { name: line.slice(0, line.length - last.length).trim(), url: last } : { name: line };
          });
          const badName = value.find((org) => chars(org.name) < least || chars(org.name) > most);
          const badUrl = value.find((org) => org.url !== undefined && !isHttpsUrl(org.url, rules.urlMaxLength));
          if (value.length < field.minItems) problem = message("min_items", { min: field.minItems });
          else if (badName) problem = message("name_length", { min: least, max: most });
          else if (badUrl) problem = message("url", { url: badUrl.url });
          break;
        }
        case "links":
          value = linesOf(single).map((line) => {
            const [url, ...title] = line.split(/\s+/);
            return { title: { [source]: title.join(" ") }, url };
          });
          for (const link of value) {
            if (!isHttpsUrl(link.url, rules.urlMaxLength)) problem = message("url", { url: link.url });
            else if (!link.title[source]) problem = message("link_title");
            else problem = tooLong([link.title[source]], rules.linkTitleMaxLength);
            if (problem) break;
          }
          if (!problem && value.length < field.minItems) problem = message("min_items", { min: field.minItems });
          break;
        case "date":
          value = clean(single);
          if (!value) problem = message("required");
          else if (!isDate(value)) problem = message("date");
          break;
        default:
          throw new Error(`the form does not know fields of kind ${field.kind}`);
      }
      if (problem) errors[name] = problem;
      if (value !== undefined) record[name] = value;
    }
    return { record, errors };
  }

  /* YAML in the style of data/case_studies.yml. Every text reads back as exactly itself:
     plain when that is safe, a folded block for long prose, double quotes otherwise. */

  function quoted(text) {
    let out = '"';
    for (const ch of text) {
      const code = ch.codePointAt(0);
      if (ch === '"' || ch === "\\") out += `\\${ch}`;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || [0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff].includes(code))
        out += `\\u${code.toString(16).padStart(4, "0")}`;
      else out += ch;
    }
    return `${out}"`;
  }

  const needsEscape = (text) => /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/.test(text.replace(/\n/g, ""));

  function scalar(text) {
    const plain = /^[\p{L}][\p{L}\p{N} .,'()\u2013\u2014/-]*$/u;
    return plain.test(text) && !/\s$/.test(text) && !YAML_WORDS.has(text.toLowerCase()) ? text : quoted(text);
  }

  // Ids, codes and addresses: plain unless YAML would read them as something else.
  function token(text) {
    const special = YAML_WORDS.has(text.toLowerCase()) || /^[\d_.:+-]+$/.test(text) || /^\d{4}-\d\d?-\d\d?/.test(text);
    return /^[A-Za-z0-9][\w./:?=&%~+@-]*$/.test(text) && !special ? text : quoted(text);
  }

  function wrap(text, width) {
    const lines = [];
    let line = "";
    for (const word of text.split(" ")) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
    return lines;
  }

  // A long text as a folded block (">-"): single line breaks become empty lines, as YAML folds them.
  function text(value, indent) {
    const foldable = chars(value) > 80 && !/\t|  | \n|\n /.test(value) && !needsEscape(value);
    if (!foldable) return scalar(value);
    const out = [];
    value.split(/(\n+)/).forEach((part, index) => {
      if (index % 2) out.push(...Array(part.length).fill(""));
      else out.push(...wrap(part, Math.max(40, 104 - indent.length)).map((line) => indent + line));
    });
    return `>-\n${out.join("\n")}`;
  }

  function textBlock(value, indent) {
    return Object.entries(value)
      .map(([lang, body]) => `${indent}${lang}: ${text(body, indent + "  ")}`)
      .join("\n");
  }

  function toYaml(record, rules) {
    const lines = [];
    for (const field of rules.fields) {
      const name = field.name;
      const value = record[name];
      if (value === undefined) continue;
      const flow = (items) => `[${items.map((item) => token(String(item))).join(", ")}]`;
      if (field.kind === "id") lines.push(`- id: ${token(value)}`);
      else if (field.kind === "language") lines.push(`  ${name}: ${token(value)}`);
      else if (field.kind === "text") lines.push(`  ${name}:`, textBlock(value, "    "));
      else if (field.kind === "years") lines.push(`  ${name}: [${value.join(", ")}]`); // numbers
      else if (["countries", "refs"].includes(field.kind)) lines.push(`  ${name}: ${flow(value)}`);
      else if (field.kind === "date") lines.push(`  ${name}: ${value}`); // unquoted: YAML reads a date
      else if (field.kind === "choice") lines.push(`  ${name}: ${token(value)}`);
      else if (!value.length) lines.push(`  ${name}: []`);
      else if (field.kind === "texts") {
        lines.push(`  ${name}:`);
        for (const item of value) lines.push(textBlock(item, "      ").replace(/^ {6}/, "    - "));
      } else if (field.kind === "organisations") {
        lines.push(`  ${name}:`);
        for (const org of value) {
          lines.push(`    - name: ${scalar(org.name)}`);
          if (org.url !== undefined) lines.push(`      url: ${token(org.url)}`);
        }
      } else if (field.kind === "links") {
        lines.push(`  ${name}:`);
        for (const link of value) lines.push("    - title:", textBlock(link.title, "        "), `      url: ${token(link.url)}`);
      }
    }
    return `${lines.join("\n")}\n`;
  }

  // The same record for people: labels in the page's language, names instead of ids.
  function toText(record, rules, form) {
    const names = Object.fromEntries(rules.languages);
    const label = (control) => {
      const element = control && form.querySelector(`label[for="${control.id}"]`);
      return element ? element.textContent.trim() : control ? control.value : "";
    };
    const indentText = (body, pad) => body.replace(/\n/g, `\n${pad}`);
    const out = [rules.text.plain_title, ""];
    for (const field of rules.fields) {
      const value = record[field.name];
      if (value === undefined || (Array.isArray(value) && !value.length)) continue;
      if (field.kind === "text") {
        out.push(`${field.label}:`);
        for (const [lang, body] of Object.entries(value)) out.push(`  ${names[lang]}: ${indentText(body, "    ")}`);
      } else if (field.kind === "texts") {
        out.push(`${field.label}:`);
        value.forEach((item) => {
          const [first, ...rest] = Object.entries(item);
          out.push(`  - ${names[first[0]]}: ${first[1]}`, ...rest.map(([lang, body]) => `    ${names[lang]}: ${body}`));
        });
      } else if (field.kind === "refs") {
        const named = value.map((ref) => {
          const option = form.querySelector(`select[data-tk-field="${field.name}"] option[value="${CSS.escape(ref)}"]`);
          if (option) return option.textContent.trim();
          return label(form.querySelector(`[data-tk-field="${field.name}"][value="${CSS.escape(ref)}"]`));
        });
        out.push(`${field.label}: ${named.join("; ")}`);
      } else if (field.kind === "language") {
        out.push(`${field.label}: ${names[value] || value}`);
      } else if (field.kind === "choice") {
        const option = form.querySelector(`[data-tk-field="${field.name}"] option[value="${CSS.escape(value)}"]`);
        out.push(`${field.label}: ${option ? option.textContent.trim() : value}`);
      } else if (field.kind === "countries") {
        out.push(`${field.label}: ${value.map((code) => regionName(code, form.dataset.lang) + " (" + code + ")").join(", ")}`);
      } else if (field.kind === "organisations") {
        out.push(`${field.label}:`, ...value.map((org) => `  - ${org.name}` + (org.url ? ` (${org.url})` : "")));
      } else if (field.kind === "links") {
        out.push(`${field.label}:`, ...value.map((link) => `  - ${Object.values(link.title)[0]}: ${link.url}`));
      } else out.push(`${field.label}: ${Array.isArray(value) ? value.join(", ") : value}`);
    }
    return `${out.join("\n")}\n`;
  }

  function regionName(code, lang) {
    try {
      return new Intl.DisplayNames([lang], { type: "region" }).of(code) || code;
    } catch (error) {
      return code;
    }
  }

  function copyText(textarea, status, labels) {
    const done = () => (status.textContent = labels.copied);
    const byHand = () => {
      textarea.focus();
      textarea.select();
      try {
        if (document.execCommand("copy")) return done();
      } catch (error) {
        /* fall through */
      }
      status.textContent = labels.copy_failed;
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(textarea.value).then(done, byHand);
    else byHand();
  }

  function mountContribute(root) {
    const rules = JSON.parse(root.querySelector("[data-tk-contribute-rules]").textContent);
    const form = root.querySelector("[data-tk-contribute-form]");
    const summary = form.querySelector("[data-tk-summary]");
    const output = root.querySelector("[data-tk-output-section]");
    const status = output.querySelector("[data-tk-status]");
    const outputs = { yaml: output.querySelector('[data-tk-output="yaml"]'), text: output.querySelector('[data-tk-output="text"]') };
    const field = (name, lang) => form.querySelector(`[data-tk-field="${name}"]` + (lang ? `[data-lang="${lang}"]` : ""));
    form.dataset.lang = root.dataset.lang;
    form.hidden = false;

    const reviewed = field("reviewed");
    if (reviewed && !reviewed.value) reviewed.value = todayIso();

    // Which language is required follows the language chosen for the texts.
    const languages = rules.languages.map(([code]) => code);
    const picker = field("lang");
    const showRequired = () => {
      const source = chosenLanguage(form, languages);
      for (const label of form.querySelectorAll("label.tk-field__lang")) {
        const control = form.querySelector(`#${CSS.escape(label.htmlFor)}`);
        label.textContent = control && control.dataset.lang === source ? label.dataset.required : label.dataset.optional;
      }
    };
    if (picker) picker.addEventListener("change", showRequired);
    showRequired();

    // The id follows the title in the chosen language until someone edits it.
    const id = field("id");
    let idEdited = false;
    if (id) {
      id.addEventListener("input", () => (idEdited = id.value.trim() !== ""));
      form.addEventListener("input", (event) => {
        const target = event.target;
        if (idEdited || target.dataset.tkField !== "title") return;
        if (target.dataset.lang === chosenLanguage(form, languages)) id.value = slugify(target.value);
      });
    }

    // Country codes are named as they are typed.
    const countries = field("countries");
    const recognised = form.querySelector("[data-tk-recognised]");
    if (countries && recognised)
      countries.addEventListener("input", () => {
        const known = countries.value.split(/[\s,;]+/).filter((code) => rules.countries.includes(code));
        recognised.textContent = known.length
          ? fillIn(rules.text.recognised, { names: known.map((code) => regionName(code, root.dataset.lang)).join(", ") })
          : "";
      });

    const show = (errors) => {
      for (const wrap of form.querySelectorAll("[data-tk-wrap]")) {
        const problem = errors[wrap.dataset.tkWrap];
        const slot = wrap.querySelector("[data-tk-error]");
        slot.textContent = problem || "";
        slot.hidden = !problem;
        for (const control of wrap.querySelectorAll("[data-tk-field]")) {
          if (problem && control.type !== "checkbox") control.setAttribute("aria-invalid", "true");
          else control.removeAttribute("aria-invalid");
        }
      }
      const names = Object.keys(errors);
      summary.replaceChildren();
      summary.hidden = !names.length;
      if (!names.length) return;
      const heading = document.createElement("p");
      heading.textContent = fillIn(rules.text.problems, { count: names.length });
      const list = document.createElement("ul");
      for (const spec of rules.fields.filter((spec) => errors[spec.name])) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        const target = form.querySelector(`[data-tk-wrap="${spec.name}"] [data-tk-field]`);
        link.href = `#${target ? target.id : ""}`;
        link.textContent = `${spec.label}: ${errors[spec.name]}`;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          if (target) target.focus();
        });
        item.append(link);
        list.append(item);
      }
      summary.append(heading, list);
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const { record, errors } = checkEntry(form, rules);
      show(errors);
      const valid = !Object.keys(errors).length;
      form.dataset.result = valid ? "valid" : "invalid";
      output.hidden = !valid;
      if (!valid) {
        outputs.yaml.value = outputs.text.value = "";
        summary.setAttribute("tabindex", "-1");
        summary.focus();
        return;
      }
      outputs.yaml.value = toYaml(record, rules);
      outputs.text.value = toText(record, rules, form);
      status.textContent = rules.text.valid;
      output.querySelector("h2").focus();
    });

    output.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const kind = button.dataset.tkCopy || button.dataset.tkDownload;
      const body = outputs[kind].value;
      if (button.dataset.tkCopy) copyText(outputs[kind], status, rules.text);
      else {
        const id = field("id").value.trim();
        const stem = id ? `${rules.text.file}-${id}` : rules.text.file;
        download(kind === "yaml" ? `${stem}.yml` : `${stem}.txt`, body, kind === "yaml" ? "application/yaml" : "text/plain");
      }
    });
  }

  window.tk.components["tk-contribute"] = mountContribute;
})();
