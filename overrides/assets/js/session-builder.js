/* The session builder: training modules in, a timed agenda to print and share out.
   Loaded by assets/toolkit.js on pages that hold it; shared helpers come from window.tk.
   The builder keeps nothing in storage: its whole state is the page's address
   (?modules=a,b,c&add=a.x&start=09:00&breaks=15,L60&end=17:00&own=1), so a session is shared by
   sharing the link, and nothing leaves the browser. A break follows each module but the last,
   set one by one ("L60" is a lunch break of an hour); when several modules make a day, the
   first welcome opens it and the last evaluation closes it, unless own=1 keeps each module's.
   Links from before per-module breaks (&break=15) still open. Every label comes from the page
   (data-labels). */
(() => {
  "use strict";
  const { fill, say, element, printOnly, labelsOf } = window.tk;

  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
  const DEFAULT_BREAK = "15";

  /* ---------------------------------------------------- session builder */

  // Minutes since midnight as a clock time, "13:05"; a session past midnight wraps around.
  const clock = (minutes) => {
    const m = ((minutes % 1440) + 1440) % 1440;
    return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  };

  function mountBuilder(root) {
    const labels = labelsOf(root);
    const modules = JSON.parse(root.dataset.modules || "[]");
    const byId = new Map(modules.map((module) => [module.id, module]));
    const form = root.querySelector("[data-tk-form]");
    const orderBox = root.querySelector("[data-tk-order]");
    const orderList = root.querySelector("[data-tk-order-list]");
    const agenda = root.querySelector("[data-tk-agenda]");
    const share = root.querySelector("[data-tk-share]");
    const link = root.querySelector("[data-tk-link]");
    const startInput = form.elements.start;
    const endInput = form.elements.end;
    const frameBox = form.elements.frame;
    const warning = root.querySelector("[data-tk-warning]");
    const breakOptions = root.querySelector("[data-tk-break-options]");
    const breaks = [...breakOptions.content.querySelectorAll("option")].map((option) => option.value);
    const breakMinutes = (value) => Number(String(value).replace(/^L/, ""));
    // Each module's page, from the links of the list shown without JavaScript.
    const pages = new Map(
      [...root.querySelectorAll("[data-tk-fallback] [data-module]")].map((item) => [
        item.dataset.module,
        item.querySelector("a") ? item.querySelector("a").getAttribute("href") : null,
      ]),
    );

    const length = (minutes) => {
      const hours = Math.floor(minutes / 60);
      const rest = minutes % 60;
      if (!hours) return fill(labels.minutes, { minutes: rest });
      if (!rest) return fill(labels.hours, { hours });
      return fill(labels.hoursMinutes, { hours, minutes: rest });
    };

    // The state, read from the address; anything unknown in it is ignored.
    const state = { order: [], add: new Set(), start: "09:00", breaks: [], end: "", own: false };
    function readAddress() {
      const params = new URLSearchParams(window.location.search);
      const wanted = (params.get("modules") || "").split(",").filter((id) => ID.test(id) && byId.has(id));
      state.order = [...new Set(wanted)];
      state.add = new Set(
        (params.get("add") || "").split(",").filter((ref) => {
          const [module, activity] = ref.split(".");
          const found = byId.get(module);
          return state.order.includes(module) && found && found.a.some((a) => a.id === activity && a.o);
        }),
      );
      const start = params.get("start") || "";
      state.start = TIME.test(start) ? start : "09:00";
      const end = params.get("end") || "";
      state.end = TIME.test(end) ? end : "";
      const old = params.get("break"); // a link from before per-module breaks: the same after each
      const given = params.has("breaks") ? params.get("breaks").split(",") : [];
      state.breaks = state.order.slice(1).map((_, gap) => {
        const value = params.has("breaks") ? given[gap] : old;
        return breaks.includes(value) ? value : DEFAULT_BREAK;
      });
      state.own = params.get("own") === "1";
    }

    // One break after each module but the last, whatever the order or number of modules.
    function fitBreaks() {
      const wanted = Math.max(state.order.length - 1, 0);
      state.breaks = state.breaks.slice(0, wanted);
      while (state.breaks.length < wanted) state.breaks.push(DEFAULT_BREAK);
    }

    function address() {
      const params = new URLSearchParams();
      if (state.order.length) {
        params.set("modules", state.order.join(","));
        const added = [...state.add].filter((ref) => state.order.includes(ref.split(".")[0]));
        if (added.length) params.set("add", added.join(","));
        params.set("start", state.start);
        if (state.breaks.length) params.set("breaks", state.breaks.join(","));
        if (state.end) params.set("end", state.end);
        if (state.own && state.order.length > 1) params.set("own", "1");
      }
      const query = params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
      return window.location.pathname + (query ? `?${query}` : "");
    }

    function writeAddress() {
      try {
        window.history.replaceState(window.history.state, "", address());
      } catch (error) {
        /* some file:// browsers refuse: the link field still shows the session's address */
      }
      const url = new URL(address(), window.location.href);
      link.value = url.href;
    }

    function syncForm() {
      for (const box of form.querySelectorAll('input[name="module"]')) {
        box.checked = state.order.includes(box.value);
        for (const extra of box.closest("li").querySelectorAll('input[name="add"]')) {
          extra.disabled = !box.checked;
          extra.checked = box.checked && state.add.has(extra.value);
        }
      }
      startInput.value = state.start;
      endInput.value = state.end;
      frameBox.checked = !state.own;
    }

    function renderOrder() {
      orderList.replaceChildren();
      state.order.forEach((id, index) => {
        const title = byId.get(id).t;
        const move = (action, key, disabled) =>
          element(
            "button",
            {
              type: "button",
              className: "md-button tk-builder__move",
              "data-tk-move": action,
              "data-module": id,
              "aria-label": fill(labels[`${key}Label`], { title }),
              disabled,
            },
            labels[key],
          );
        const item = element(
          "li",
          {},
          element("span", { className: "tk-builder__order-name" }, title),
          " ",
          move("up", "up", index === 0),
          " ",
          move("down", "down", index === state.order.length - 1),
        );
        if (index < state.order.length - 1) {
          const select = element("select", {
            id: `tk-b-break-${index}`,
            name: "gap",
            "data-gap": String(index),
          });
          select.append(breakOptions.content.cloneNode(true));
          select.value = state.breaks[index];
          item.append(
            element(
              "span",
              { className: "tk-builder__gap" },
              element("label", { for: select.id }, fill(labels.breakAfter, { title })),
              " ",
              select,
            ),
          );
        }
        orderList.append(item);
      });
      orderBox.hidden = state.order.length < 2;
    }

    // The combined agenda: each module's activities in order, optional ones when added, the
    // chosen break after each module but the last. With several modules and one welcome and one
    // evaluation for the day, the first module's welcome opens the day and the last module's
    // evaluation closes it; the others' are left out. Times run on from the start time.
    function plan() {
      const [hours, minutes] = state.start.split(":").map(Number);
      const begin = hours * 60 + minutes;
      let now = begin;
      const shared = state.order.length > 1 && !state.own;
      const framed = (frame) =>
        state.order.map((id) => byId.get(id)).flatMap((module) => module.a.filter((a) => a.f === frame).map((activity) => ({ module, activity })));
      const opening = shared ? framed("o")[0] : null;
      const closing = shared ? framed("c").at(-1) : null;
      const blocks = [];
      const run = (activity) => {
        const row = { activity, start: now };
        now += activity.m;
        return row;
      };
      if (opening) blocks.push({ day: labels.dayStart, from: opening.module, rows: [run(opening.activity)] });
      state.order.forEach((id, index) => {
        const module = byId.get(id);
        const rows = [];
        for (const activity of module.a) {
          if (activity.o && !state.add.has(`${id}.${activity.id}`)) continue;
          if (shared && activity.f) continue;
          rows.push(run(activity));
        }
        blocks.push({ module, rows });
        const pause = state.breaks[index];
        if (index < state.order.length - 1 && breakMinutes(pause)) {
          blocks.push({ pause: true, lunch: pause.startsWith("L"), start: now, minutes: breakMinutes(pause) });
          now += breakMinutes(pause);
        }
      });
      if (closing) blocks.push({ day: labels.dayEnd, from: closing.module, rows: [run(closing.activity)] });
      return { blocks, begin, end: now, total: now - begin };
    }

    function renderAgenda() {
      const table = root.querySelector("[data-tk-table]");
      const summary = root.querySelector("[data-tk-summary]");
      const packs = root.querySelector("[data-tk-packs]");
      if (!state.order.length) {
        agenda.hidden = true;
        share.hidden = true;
        table.replaceChildren();
        packs.replaceChildren();
        say(root, labels.empty);
        return;
      }
      const { blocks, begin, end, total } = plan();
      const values = { count: state.order.length, duration: length(total), start: clock(begin), end: clock(end) };
      summary.textContent = fill(state.order.length === 1 ? labels.summaryOne : labels.summary, values);
      const [limitHours, limitMinutes] = state.end ? state.end.split(":").map(Number) : [0, 0];
      let limit = limitHours * 60 + limitMinutes;
      if (state.end && limit <= begin) limit += 1440; // a limit past midnight
      const over = state.end ? end - limit : 0;
      warning.hidden = over <= 0;
      warning.textContent = over > 0 ? fill(labels.over, { end: clock(end), over: length(over), limit: state.end }) : "";
      const cell = (minutes) => element("td", { className: "tk-builder__len" }, length(minutes));
      const head = element(
        "thead",
        {},
        element(
          "tr",
          {},
          ...[labels.start, labels.end, labels.activity, labels.method, labels.length].map((text) =>
            element("th", { scope: "col" }, text),
          ),
        ),
      );
      const bodies = blocks.map((block) => {
        if (block.pause) {
          return element(
            "tbody",
            { className: `tk-builder__break${block.lunch ? " tk-builder__break--lunch" : ""}` },
            element(
              "tr",
              {},
              element("td", {}, clock(block.start)),
              element("td", {}, clock(block.start + block.minutes)),
              element("td", { colspan: "2" }, block.lunch ? labels.lunchRow : labels.breakRow),
              cell(block.minutes),
            ),
          );
        }
        const minutes = block.rows.reduce((sum, row) => sum + row.activity.m, 0);
        const heading = block.day
          ? element("th", { scope: "rowgroup", colspan: "4" }, block.day, " ", element("span", { className: "tk-builder__from" }, `(${fill(labels.from, { title: block.from.t })})`))
          : element("th", { scope: "rowgroup", colspan: "4" }, block.module.t);
        return element(
          "tbody",
          { className: block.day ? "tk-builder__day" : null },
          element("tr", { className: "tk-builder__module-row" }, heading, cell(minutes)),
          ...block.rows.map((row) =>
            element(
              "tr",
              {},
              element("td", {}, clock(row.start)),
              element("td", {}, clock(row.start + row.activity.m)),
              element("td", {}, row.activity.t, row.activity.o ? ` (${labels.optional})` : null),
              element("td", {}, row.activity.k),
              cell(row.activity.m),
            ),
          ),
        );
      });
      const foot = element(
        "tfoot",
        {},
        element(
          "tr",
          {},
          element("th", { scope: "row", colspan: "4" }, labels.total),
          cell(total),
        ),
      );
      table.replaceChildren(element("table", {}, head, ...bodies, foot));
      packs.replaceChildren(
        element("p", {}, labels.packs),
        element(
          "ul",
          {},
          ...state.order.map((id) =>
            element("li", {}, pages.get(id) ? element("a", { href: pages.get(id) }, byId.get(id).t) : byId.get(id).t),
          ),
        ),
      );
      agenda.hidden = false;
      share.hidden = false;
      root.querySelector("[data-tk-status]").textContent = ""; // the summary speaks for itself (aria-live)
    }

    function render() {
      syncForm();
      renderOrder();
      renderAgenda();
      writeAddress();
    }

    form.addEventListener("change", (event) => {
      const input = event.target;
      if (input.name === "module") {
        if (input.checked && !state.order.includes(input.value)) state.order.push(input.value);
        if (!input.checked) {
          const at = state.order.indexOf(input.value);
          state.order = state.order.filter((id) => id !== input.value);
          if (at >= 0) state.breaks.splice(Math.min(at, state.breaks.length - 1), 1);
          for (const ref of [...state.add]) if (ref.startsWith(`${input.value}.`)) state.add.delete(ref);
        }
        fitBreaks();
      } else if (input.name === "add") {
        if (input.checked) state.add.add(input.value);
        else state.add.delete(input.value);
      } else if (input.name === "start") {
        if (!TIME.test(input.value)) return; // half-typed: wait for a whole time
        state.start = input.value;
      } else if (input.name === "end") {
        if (input.value && !TIME.test(input.value)) return;
        state.end = input.value;
      } else if (input.name === "gap") {
        state.breaks[Number(input.dataset.gap)] = breaks.includes(input.value) ? input.value : DEFAULT_BREAK;
        render();
        const again = orderList.querySelector(`[data-gap="${input.dataset.gap}"]`);
        if (again) again.focus(); // the list was redrawn: keep the keyboard on this break
        return;
      } else if (input.name === "frame") {
        state.own = !input.checked;
      }
      render();
    });
    form.addEventListener("submit", (event) => event.preventDefault());

    orderList.addEventListener("click", (event) => {
      const button = event.target.closest("[data-tk-move]");
      if (!button) return;
      const id = button.dataset.module;
      const from = state.order.indexOf(id);
      const to = button.dataset.tkMove === "up" ? from - 1 : from + 1;
      if (from < 0 || to < 0 || to >= state.order.length) return;
      state.order.splice(from, 1);
      state.order.splice(to, 0, id);
      render();
      // Keep the keyboard where it was: on the same module's button that moved it, or its other one.
      const again = orderList.querySelector(`[data-module="${id}"][data-tk-move="${button.dataset.tkMove}"]`);
      const other = orderList.querySelector(`[data-module="${id}"]:not([disabled])`);
      (again && !again.disabled ? again : other || orderList).focus();
    });

    root.querySelector("[data-tk-share]").addEventListener("click", async (event) => {
      const button = event.target.closest("[data-tk-action]");
      if (!button) return;
      if (button.dataset.tkAction === "print") printOnly(agenda);
      if (button.dataset.tkAction === "copy") {
        try {
          await navigator.clipboard.writeText(link.value);
          say(root, labels.copied);
        } catch (error) {
          link.focus();
          link.select();
          say(root, labels.copyFailed);
        }
      }
    });

    readAddress();
    fitBreaks();
    root.querySelector("[data-tk-fallback]").hidden = true;
    form.hidden = false;
    render();
    root.dataset.ready = "true";
  }

  window.tk.components["tk-builder"] = mountBuilder;
})();
