/* Search with Pagefind, as progressive enhancement of the plain search form on the index page.
 * The index comes in shards (pagefind/<n>/, listed in pagefind/pagefind-shards.json, see
 * generator/site/search.py): the first is the primary bundle, the others are merged into it
 * (Pagefind's mergeIndex), so one search covers every explainer.
 * Loads the Pagefind UI from files next to the site (CSP: no inline script); when the index or
 * the UI cannot be loaded, the plain form and the list of explainers stay as they are.
 * Pagefind picks its interface language from <html lang>. */
(function () {
  "use strict";
  var me = document.currentScript;
  var mount = document.getElementById("search-ui");
  var form = document.querySelector(".search-form");
  if (!me || !mount || !form || !window.fetch) { return; }
  var root = new URL("../../", me.src); /* theme/js/search.js → the site root */

  function start(bundles) {
    var primary = new URL("pagefind/" + bundles[0], root);
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind-ui.css", primary).href;
    var js = document.createElement("script");
    js.src = new URL("pagefind-ui.js", primary).href;
    js.onload = function () {
      if (typeof window.PagefindUI !== "function") { return; }
      var ui = new window.PagefindUI({
        element: "#search-ui",
        bundlePath: primary.pathname,
        baseUrl: root.pathname,
        mergeIndex: bundles.slice(1).map(function (bundle) {
          return { bundlePath: new URL("pagefind/" + bundle, root).pathname, baseUrl: root.pathname };
        }),
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        /* strings in the UI language from the page (data-clear-search: Pagefind's Dutch says "Reset") */
        translations: mount.dataset.clearSearch ? { clear_search: mount.dataset.clearSearch } : {},
        /* each result says which explainer it comes from (data-pagefind-meta="explainer:…") */
        processResult: function (result) {
          var explainer = result.meta && result.meta.explainer;
          if (explainer && result.meta.title && result.meta.title.indexOf(explainer) === -1) {
            result.meta.title = explainer + " — " + result.meta.title;
          }
          return result;
        }
      });
      /* Keep the visible label: move it to Pagefind's own input, then hide the plain form. */
      var input = mount.querySelector("input");
      var label = form.querySelector("label");
      if (input && label) {
        input.id = "search-input-ui";
        label.htmlFor = input.id;
        mount.parentNode.insertBefore(label, mount);
      }
      form.hidden = true;
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) { ui.triggerSearch(query); }
      document.documentElement.classList.add("has-search-ui");
    };
    document.head.appendChild(css);
    document.head.appendChild(js);
  }

  fetch(new URL("pagefind/pagefind-shards.json", root).href)
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (listing) {
      var bundles = ((listing && listing.shards) || []).map(function (shard) { return shard.bundle; });
      if (bundles.length) { start(bundles); }
    })
    .catch(function () { /* no index: the plain form stays */ });
})();
