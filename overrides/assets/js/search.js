/* Search in the reader's language, from an index in pieces (postbuild/search_index.py):
   assets/search/<lang>/index.js says how the word list is split; a query loads only the shards
   of its words, then the pages it shows. Every piece is a classic script, so it loads from
   file:// too. Loaded by assets/toolkit.js on pages that hold a search form (the search page,
   and the header's field once the reader types); shared helpers come from window.tk. */
(() => {
  "use strict";
  const { loadScript } = window.tk;

  const SHOWN = 10; // results per batch: the first ones, then "more results"
  const PREFIX_FORMS = 40; // words a prefix may stand for while the reader is typing
  const box = () => (window.__tkSearch = window.__tkSearch || {});

  // As the index folds: compatibility forms apart, marks (accents, vowel signs) dropped, lower case.
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const WORD = /[\p{L}\p{N}]+/gu;
  const words = (text) => fold(text).match(WORD) || [];

  // True when `a` becomes `b` by one letter changed, added, removed or two neighbours swapped.
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i += 1;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function engine(root, lang) {
    const pending = {};
    // One script of the index, loaded once, registered under its name.
    const piece = (name, file) => {
      if (!pending[name])
        pending[name] = (box()[name] ? Promise.resolve() : loadScript(`${root}assets/search/${file}.js`)).then(() => {
          if (!box()[name]) throw new Error(`search: ${file}.js did not register`);
          return box()[name];
        });
      return pending[name];
    };
    let manifestLoad = null;
    const manifest = () => (manifestLoad = manifestLoad || piece(lang, `${lang}/index`).then((index) => {
      const keys = new Map(index.keys.map((key, number) => [key, number]));
      const synonyms = index.synonyms.map((group) => group.map((term) => term.split(" ")));
      return { keys, list: index.keys, common: new Set(index.common), synonyms };
    }));
    const shard = (number) => piece(`${lang}/s${number}`, `${lang}/s${number}`);
    const pageHead = (number) => piece(`${lang}/p${number}`, `${lang}/p${number}`);
    const pagePart = (number, part) => piece(`${lang}/p${number}_${part}`, `${lang}/p${number}_${part}`);

    const longestKey = (index, word) => {
      for (let n = Math.min(word.length, 8); n >= 1; n -= 1) {
        const number = index.keys.get(word.slice(0, n));
        if (number !== undefined) return number;
      }
      return -1;
    };

    // A stem's postings, read once: page → {score, sections}.
    const parsed = new Map();
    function postings(shardNumber, data, local) {
      const id = `${shardNumber}:${local}`;
      if (!parsed.has(id)) {
        const flat = data.p[local];
        const pages = new Map();
        for (let i = 0; i < flat.length; ) {
          const count = flat[i + 2];
          pages.set(flat[i], { score: flat[i + 1], sections: flat.slice(i + 3, i + 3 + count) });
          i += 3 + count;
        }
        parsed.set(id, pages);
      }
      return { id, pages: parsed.get(id) };
    }

    // The stems a typed word stands for, with a weight: its own form (1), a form one edit away
    // (0.7: a typo, or US and UK spelling), or, for the word being typed, longer forms (0.5).
    async function stemsOf(index, word, typing) {
      const number = longestKey(index, word);
      if (number < 0) return { stems: [], forms: [] };
      const found = new Map();
      const forms = new Set();
      const add = (shardNumber, data, form, weight) => {
        forms.add(form);
        for (const local of data.f[form]) {
          const stem = postings(shardNumber, data, local);
          if (!found.has(stem.id) || found.get(stem.id).weight < weight) found.set(stem.id, { ...stem, weight });
        }
      };
      const data = await shard(number);
      if (data.f[word]) add(number, data, word, 1);
      else if (word.length >= 4) for (const form in data.f) if (oneEdit(word, form)) add(number, data, form, 0.7);
      if (typing && word.length >= 3) {
        // The shards holding longer words with this beginning: its own, and any split from it.
        const key = index.list[number];
        const numbers = index.list
          .map((other, n) => [other, n])
          .filter(([other, n]) => n === number || (other.startsWith(key) && other.length > key.length && other.startsWith(word.slice(0, other.length))))
          .map(([, n]) => n)
          .slice(0, 8);
        let budget = PREFIX_FORMS;
        for (const n of numbers) {
          const more = await shard(n);
          for (const form in more.f)
            if (budget > 0 && form !== word && form.startsWith(word)) {
              add(n, more, form, 0.5);
              budget -= 1;
            }
        }
      }
      return { stems: [...found.values()], forms: [...forms] };
    }

    // The query as slots: runs of words a synonym group covers ("take down" → takedown, removal…),
    // else one word each. A page must match every slot; within a slot, any of its alternatives.
    function slotsOf(index, tokens) {
      const slots = [];
      for (let i = 0; i < tokens.length; ) {
        let best = null;
        for (const group of index.synonyms)
          for (const phrase of group)
            if ((!best || phrase.length > best.length) && phrase.every((w, j) => tokens[i + j] === w)) best = { group, length: phrase.length };
        if (best) {
          slots.push({ alternatives: best.group, last: i + best.length === tokens.length });
          i += best.length;
        } else {
          slots.push({ alternatives: [[tokens[i]]], last: i + 1 === tokens.length });
          i += 1;
        }
      }
      // A word on most pages ("the", "de") tells no page apart: it is neither required nor
      // loaded, unless the query has nothing else.
      const useful = slots
        .map((slot) => ({ ...slot, alternatives: slot.alternatives.map((alt) => alt.filter((w) => !index.common.has(w))).filter((alt) => alt.length) }))
        .filter((slot) => slot.alternatives.length);
      return useful.length ? useful : slots;
    }

    // Pages matching the query, best first: {page, score, sections (best first)}, plus the word
    // forms to mark in snippets and whether no page had every word (then the best partial ones).
    async function query(text, typing) {
      const index = await manifest();
      const slots = slotsOf(index, words(text));
      if (!slots.length) return { results: [], marks: new Set(), partial: false };
      const marks = new Set();
      const perSlot = await Promise.all(
        slots.map(async (slot) => {
          const best = new Map(); // page → {score, sections}
          for (const alternative of slot.alternatives) {
            const found = await Promise.all(alternative.map((word, j) => stemsOf(index, word, typing && slot.last && slot.alternatives.length === 1 && j === alternative.length - 1)));
            found.forEach((f) => f.forms.forEach((form) => marks.add(form)));
            // An alternative of several words matches a page holding each of them.
            let pages = null;
            for (const { stems } of found) {
              const word = new Map();
              for (const stem of stems)
                for (const [page, hit] of stem.pages) {
                  const score = hit.score * stem.weight;
                  if (!word.has(page) || word.get(page).score < score) word.set(page, { score, sections: hit.sections });
                }
              if (pages === null) pages = word;
              else
                for (const [page, hit] of [...pages]) {
                  if (!word.has(page)) pages.delete(page);
                  else pages.set(page, { score: hit.score + word.get(page).score, sections: hit.sections.concat(word.get(page).sections) });
                }
            }
            for (const [page, hit] of pages || []) if (!best.has(page) || best.get(page).score < hit.score) best.set(page, hit);
          }
          return best;
        }),
      );
      const totals = new Map();
      perSlot.forEach((pages) => {
        for (const [page, hit] of pages) {
          const total = totals.get(page) || { page, score: 0, slots: 0, votes: new Map() };
          total.score += hit.score;
          total.slots += 1;
          hit.sections.forEach((section, rank) => total.votes.set(section, (total.votes.get(section) || 0) + 10 - rank));
          totals.set(page, total);
        }
      });
      const most = Math.max(0, ...[...totals.values()].map((t) => t.slots));
      const results = [...totals.values()]
        .filter((t) => t.slots === most)
        .sort((a, b) => b.score - a.score || a.page - b.page)
        .map((t) => ({ page: t.page, score: t.score, sections: [...t.votes].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([s]) => s) }));
      return { results, marks, partial: most < slots.length };
    }

    // What a result shows: the page, its best section's text, and other matching sections.
    async function details(result) {
      const head = await pageHead(result.page);
      const best = result.sections.length ? result.sections[0] : 0;
      const part = head.s[best] ? head.s[best][2] : 0;
      const texts = part ? (await pagePart(result.page, part)).x : head.x;
      return { head, best, text: texts[String(best)] || head.x["0"] || "" };
    }

    return { query, details };
  }

  // A snippet of `text` around the first marked word, as DOM nodes with <mark>s (never innerHTML).
  function snippet(text, marks, length = 200) {
    const fragment = document.createDocumentFragment();
    const found = [];
    for (const match of text.matchAll(WORD)) if (marks.has(fold(match[0]))) found.push([match.index, match.index + match[0].length]);
    let start = found.length ? Math.max(0, found[0][0] - 50) : 0;
    if (start > 0) start = Math.max(start, text.lastIndexOf(" ", start) + 1);
    const end = Math.min(text.length, start + length);
    if (start > 0) fragment.append("… ");
    let at = start;
    for (const [from, to] of found) {
      if (from < start) continue;
      if (from >= end) break;
      fragment.append(text.slice(at, from));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(from, Math.min(to, end));
      fragment.append(mark);
      at = Math.min(to, end);
    }
    fragment.append(text.slice(at, end));
    if (end < text.length) fragment.append(" …");
    return fragment;
  }

  function say(labels, key, count, query) {
    const pick = key === "count" ? (count === 0 ? "none" : count === 1 ? "one" : "other") : key;
    return labels[pick].replace("{count}", String(count)).replace("{query}", query);
  }

  // Arrow keys move between the results' links, and from the field to the first one.
  function arrowKeys(input, list) {
    const links = () => [...list.querySelectorAll(".tk-search__link")];
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && links().length) {
        event.preventDefault();
        links()[0].focus();
      }
    });
    list.addEventListener("keydown", (event) => {
      const all = links();
      const at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        input.focus();
      } else if (at >= 0 && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
        event.preventDefault();
        const next = at + (event.key === "ArrowDown" ? 1 : -1);
        if (next < 0) input.focus();
        else if (next < all.length) all[next].focus();
      }
    });
  }

  // Keep the query when the reader switches language on the search page.
  function carryQuery(query) {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach((link) => {
      try {
        const url = new URL(link.getAttribute("href"), window.location.href);
        if (query) url.searchParams.set("q", query);
        else url.searchParams.delete("q");
        link.setAttribute("href", url.protocol === "file:" ? url.href : url.pathname + url.search + url.hash);
      } catch (error) {
        /* a link that is not an address stays as it is */
      }
    });
  }

  function mount(form, { onPage }) {
    const root = form.dataset.root;
    const lang = form.dataset.lang;
    const labels = JSON.parse(form.dataset.labels);
    const kinds = JSON.parse(form.dataset.kinds);
    const input = form.querySelector("input[type=search]");
    const holder = form.closest("[data-tk-search-holder]") || form.parentElement;
    const status = holder.querySelector("[data-tk-search-status]");
    const list = holder.querySelector("[data-tk-search-results]");
    const more = holder.querySelector("[data-tk-search-more]");
    const search = engine(root, lang);
    let timer = 0;
    let shown = null; // the query whose results are listed
    let run = 0; // the latest query: an older one that ends later is dropped
    let rest = [];
    let marks = new Set();

    const item = ({ head, best, text }, result) => {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = root + head.u;
      link.className = "tk-search__link";
      // The part of the site, before the link: the link's name is the page's title alone, and
      // its underline starts with the title.
      const kind = kinds[head.u.replace(new RegExp(`^${lang}/`), "").split("/")[0]];
      if (kind) {
        const tag = document.createElement("span");
        tag.className = "tk-search__kind";
        tag.textContent = kind;
        li.append(tag, " ");
      }
      const title = document.createElement("span");
      title.className = "tk-search__title";
      title.dir = "auto"; // an English page's title on an Arabic page keeps its own direction
      title.textContent = head.t;
      link.append(title);
      const where = head.s[best];
      const p = document.createElement("p");
      p.className = "tk-search__snippet";
      p.dir = "auto";
      if (where && where[0]) {
        const section = document.createElement("a");
        section.href = `${root}${head.u}#${where[0]}`;
        section.className = "tk-search__section";
        section.dir = "auto";
        section.textContent = where[1];
        p.append(section, " ");
      }
      p.append(snippet(text, marks));
      li.append(link, p);
      const others = result.sections.filter((s) => s !== best && head.s[s] && head.s[s][0]).slice(0, 3);
      if (others.length) {
        const sub = document.createElement("ul");
        sub.className = "tk-search__sections";
        for (const s of others) {
          const entry = document.createElement("li");
          const a = document.createElement("a");
          a.href = `${root}${head.u}#${head.s[s][0]}`;
          a.dir = "auto";
          a.textContent = head.s[s][1];
          entry.append(a);
          sub.append(entry);
        }
        li.append(sub);
      }
      return li;
    };

    const showMore = async (mine) => {
      const batch = rest.slice(0, SHOWN);
      rest = rest.slice(SHOWN);
      const shownItems = await Promise.all(batch.map((result) => search.details(result)));
      if (mine !== run) return;
      shownItems.forEach((detail, n) => list.append(item(detail, batch[n])));
      if (more) more.hidden = rest.length === 0;
    };

    const render = async () => {
      const query = input.value.trim();
      // The same words again (a submit after typing, a late timer): the list stays, and so does
      // keyboard focus on a result.
      if (query === shown) return;
      shown = query;
      const mine = (run += 1);
      if (onPage) {
        try {
          const url = new URL(window.location.href);
          if (query) url.searchParams.set("q", query);
          else url.searchParams.delete("q");
          window.history.replaceState(null, "", url);
        } catch (error) {
          /* file:// pages may refuse history changes; the search still works */
        }
        carryQuery(query);
      }
      const all = holder.querySelector("[data-tk-search-all]");
      if (all) {
        const url = new URL(all.getAttribute("href"), window.location.href);
        url.searchParams.set("q", query);
        all.href = url.href;
      }
      holder.classList.toggle("tk-header-search--open", Boolean(query) && !onPage);
      if (!query) {
        list.replaceChildren();
        status.textContent = "";
        if (more) more.hidden = true;
        return;
      }
      try {
        const found = await search.query(query, true);
        if (mine !== run) return;
        marks = found.marks;
        rest = found.results;
        list.replaceChildren();
        await showMore(mine);
        if (mine !== run) return;
        const message = say(labels, "count", found.results.length, query);
        status.textContent = found.partial && found.results.length ? `${message} ${labels.partial}` : message;
        form.dataset.ready = "true";
      } catch (error) {
        if (mine === run) status.textContent = labels.error;
      }
    };

    const later = () => {
      window.clearTimeout(timer);
      if (!status.textContent) status.textContent = labels.loading;
      timer = window.setTimeout(render, 150);
    };
    form.addEventListener("submit", (event) => {
      if (!onPage) return; // the header's form opens the search page with the query
      event.preventDefault();
      window.clearTimeout(timer);
      render();
    });
    input.addEventListener("input", later);
    if (more)
      more.addEventListener("click", () => {
        const first = list.children.length;
        showMore(run).then(() => {
          const link = list.children[first] && list.children[first].querySelector(".tk-search__link");
          if (link) link.focus();
        });
      });
    arrowKeys(input, list);
    if (!onPage) {
      // The header's panel closes with Escape, and when focus leaves the field and its results.
      const close = () => holder.classList.remove("tk-header-search--open");
      holder.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          close();
          input.focus();
        }
      });
      holder.addEventListener("focusout", (event) => {
        if (!holder.contains(event.relatedTarget)) close();
      });
      input.addEventListener("focus", () => holder.classList.toggle("tk-header-search--open", Boolean(input.value.trim())));
    }

    if (onPage) {
      const initial = new URLSearchParams(window.location.search).get("q");
      if (initial) {
        input.value = initial;
        render();
      }
    } else if (input.value.trim()) {
      render();
    }
  }

  window.tk.components["tk-search"] = (form) => mount(form, { onPage: true });
  window.tk.components["tk-header-search"] = (form) => mount(form, { onPage: false });
})();
