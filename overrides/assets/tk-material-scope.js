/* Material for MkDocs' storage helpers (its partials/javascripts/base.html, MIT licence), as a file:
   the toolkit's Content-Security-Policy allows no inline script. The scope is the site's root,
   given by the page in data-scope, as Material writes it into its inline script. */
(__md_scope = new URL(document.currentScript.dataset.scope, location)),
  (__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0)),
  (__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e))),
  (__md_set = (e, _, t = localStorage, a = __md_scope) => {
    try {
      t.setItem(a.pathname + "." + e, JSON.stringify(_));
    } catch (e) {}
  });
