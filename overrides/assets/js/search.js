/* Search in the reader's language (assets/search/<lang>.js, lunr with the language's stemmer).
   Loaded by assets/toolkit.js on pages that hold the component; shared helpers come from window.tk. */
(() => {
  "use strict";
  const { fold, loadScript } = window.tk;

  /* ---------------------------------------------------------------- search */


  // Fold one character at a time so folded and original texts keep the same indices.
  const foldAligned = (text) =>
    Array.from(text)
      .map((c) => {
        const folded = fold(c);
        return folded.length === c.length ? folded : c.toLowerCase();
      })
      .join("");


  async function loadSearch(root, lang) {
    if (!window.lunr) await loadScript(`${root}assets/vendor/lunr/lunr.min.js`);
    if (lang === "es" && !window.lunr.es) {
      await loadScript(`${root}assets/vendor/lunr/lunr.stemmer.support.min.js`);
      await loadScript(`${root}assets/vendor/lunr/lunr.es.min.js`);
    }
    if (!(window.__tkSearch && window.__tkSearch[lang])) await loadScript(`${root}assets/search/${lang}.js`);
    return window.__tkSearch[lang].docs;
  }

  // Trimmer, stop-word filter and stemmer of a language; others get folding and prefixes only.
  function languageTools(lang) {
    const lunr = window.lunr;
    const pack = lang === "en" ? lunr : lunr[lang];
    if (pack && pack.stemmer) return { trimmer: pack.trimmer, stopWords: pack.stopWordFilter, stemmer: pack.stemmer };
    return { trimmer: lunr.trimmer, stopWords: (token) => token, stemmer: (token) => token };
  }

  // Every word is indexed as fold(stem(w)), stem(fold(w)) and fold(w): so "organizacion",
  // "organización" and "organizaciones" meet, and fold(w) serves prefix searches while typing.
  function expander(stemmer) {
    return (token) => {
      const variants = [stemmer(token.clone()).clone(fold), stemmer(token.clone(fold)), token.clone(fold)];
      const seen = new Set();
      return variants.filter((v) => v && v.str && !seen.has(v.str) && seen.add(v.str));
    };
  }

  function buildIndex(lang, docs) {
    const lunr = window.lunr;
    // Words are runs of letters and digits in any script: punctuation never sticks to them.
    lunr.tokenizer.separator = /[^\p{L}\p{N}]+/u;
    const tools = languageTools(lang);
    const expand = expander(tools.stemmer);
    lunr.Pipeline.registerFunction(expand, `tk-expand-${lang}`);
    const index = lunr(function () {
      this.pipeline.reset();
      this.searchPipeline.reset();
      this.pipeline.add(tools.trimmer, tools.stopWords, expand);
      this.searchPipeline.add(expand);
      this.ref("i");
      this.field("t", { boost: 10 });
      this.field("s", { boost: 5 });
      this.field("x");
      docs.forEach((doc, i) => this.add({ i: String(i), t: doc.t, s: doc.s, x: doc.x }));
    });
    return { index, docs, tools };
  }

  // Documents matching every word of the query (each word: its forms, or a prefix), best first.
  function runQuery(engine, query) {
    const lunr = window.lunr;
    const words = lunr
      .tokenizer(query)
      .map((token) => engine.tools.trimmer(token))
      .filter((token) => token && token.str && engine.tools.stopWords(token.clone()));
    if (!words.length) return { docs: [], words: [] };
    let scores = null;
    for (const word of words) {
      const hits = engine.index.query((q) => {
        q.term(word.str, { usePipeline: true });
        const folded = fold(word.str);
        if (folded.length >= 2) q.term(folded, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.5 });
      });
      const found = new Map(hits.map((hit) => [hit.ref, hit.score]));
      if (scores === null) scores = found;
      else
        for (const ref of [...scores.keys()]) {
          if (found.has(ref)) scores.set(ref, scores.get(ref) + found.get(ref));
          else scores.delete(ref);
        }
    }
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const stems = words.map((word) => fold(engine.tools.stemmer(word.clone()).str));
    return { docs: ranked.map(([ref]) => engine.docs[Number(ref)]), words: [...new Set(stems.concat(words.map((w) => fold(w.str))))] };
  }

  // A snippet of `text` around the first match, as DOM nodes with <mark>s (never innerHTML).
  function snippet(text, words, length = 180) {
    const folded = foldAligned(text);
    const pattern = words
      .filter((w) => w.length > 1)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("|");
    const fragment = document.createDocumentFragment();
    if (!pattern) {
      fragment.append(text.slice(0, length));
      return fragment;
    }
    // A match runs to the end of its word, so "dat" marks the whole "datos".
    const matcher = new RegExp(`(^|[^\\p{L}\\p{N}])((?:${pattern})[\\p{L}\\p{N}]*)`, "gu");
    const first = matcher.exec(folded);
    const start = first ? Math.max(0, first.index - 40) : 0;
    const end = Math.min(text.length, start + length);
    if (start > 0) fragment.append("… ");
    matcher.lastIndex = start;
    let at = start;
    for (let match = matcher.exec(folded); match && match.index < end; match = matcher.exec(folded)) {
      const from = match.index + match[1].length;
      const to = Math.min(from + match[2].length, end);
      fragment.append(text.slice(at, from));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      fragment.append(mark);
      at = to;
    }
    fragment.append(text.slice(at, end));
    if (end < text.length) fragment.append(" …");
    return fragment;
  }

  function plural(labels, count, query) {
    const key = count === 0 ? "none" : count === 1 ? "one" : "other";
    return labels[key].replace("{count}", String(count)).replace("{query}", query);
  }

  function mountSearch(form) {
    const root = form.dataset.root;
    const lang = form.dataset.lang;
    const labels = JSON.parse(form.dataset.labels);
    const kinds = JSON.parse(form.dataset.kinds);
    const input = form.querySelector("input[type=search]");
    const status = form.parentElement.querySelector("[data-tk-search-status]");
    const list = form.parentElement.querySelector("[data-tk-search-results]");
    let engine = null;
    let timer = 0;
    let shown = null; // the query whose results are listed

    const render = () => {
      const query = input.value.trim();
      // The same words again (a submit after typing, a late timer): the list stays, and so does
      // keyboard focus on a result.
      if (query === shown) return;
      shown = query;
      try {
        const url = new URL(window.location.href);
        if (query) url.searchParams.set("q", query);
        else url.searchParams.delete("q");
        window.history.replaceState(null, "", url);
      } catch (error) {
        /* file:// pages may refuse history changes; the search still works */
      }
      list.replaceChildren();
      if (!query) {
        status.textContent = "";
        return;
      }
      const { docs, words } = runQuery(engine, query);
      status.textContent = plural(labels, docs.length, query);
      for (const doc of docs.slice(0, 50)) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = root + doc.u;
        link.className = "tk-search__link";
        const kind = kinds[doc.u.replace(new RegExp(`^${lang}/`), "").split("/")[0]];
        if (kind) {
          const tag = document.createElement("span");
          tag.className = "tk-search__kind";
          tag.textContent = kind;
          link.append(tag, " ");
        }
        const title = document.createElement("span");
        title.className = "tk-search__title";
        title.textContent = doc.s ? `${doc.t} › ${doc.s}` : doc.t;
        link.append(title);
        const text = document.createElement("p");
        text.className = "tk-search__snippet";
        text.append(snippet(doc.x, words));
        item.append(link, text);
        list.append(item);
      }
    };

    // The engine and the index load when the reader starts searching, not with the page.
    let loading = null;
    const load = () => {
      if (!loading) {
        status.textContent = labels.loading;
        loading = loadSearch(root, lang)
          .then((docs) => {
            engine = buildIndex(lang, docs);
            form.dataset.ready = "true";
            if (input.value.trim()) render();
            else status.textContent = "";
          })
          .catch(() => {
            status.textContent = labels.error;
          });
      }
      return loading;
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      window.clearTimeout(timer);
      if (engine) render();
      else load();
    });
    input.addEventListener("focus", load);
    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      if (engine) timer = window.setTimeout(render, 120);
      else load();
    });

    const initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      input.value = initial;
      load();
    }
  }

  window.tk.components["tk-search"] = mountSearch;
})();
