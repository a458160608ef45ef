/* The engagement planner: company type, issue and safety in, a plan out (kept in this
   browser as tk:planner), printed or downloaded as Markdown. */
(() => {
  "use strict";
  const { say, fill, element, labelsOf, actions, printOnly, download, today, lazyToolData } = window.tk;
  const { PREFIX, store, ask, changed: storageChanged, whenChanged: whenStorageChanges, isStringMap } = window.tk.storage;

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
      ask(root);
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

  window.tk.components["tk-planner"] = mountPlanner;
})();
