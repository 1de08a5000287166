/* Search with Pagefind, as progressive enhancement of the plain search form on the index page.
 * Loads the Pagefind UI from files next to the site (CSP: no inline script); when the index or
 * the UI cannot be loaded, the plain form and the list of explainers stay as they are.
 * Pagefind picks its interface language from <html lang>. */
(function () {
  "use strict";
  var me = document.currentScript;
  var mount = document.getElementById("search-ui");
  var form = document.querySelector(".search-form");
  if (!me || !mount || !form) { return; }
  var root = new URL("../../", me.src); /* theme/js/search.js → the site root */
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("pagefind/pagefind-ui.css", root).href;
  var js = document.createElement("script");
  js.src = new URL("pagefind/pagefind-ui.js", root).href;
  js.onload = function () {
    if (typeof window.PagefindUI !== "function") { return; }
    var ui = new window.PagefindUI({
      element: "#search-ui",
      bundlePath: new URL("pagefind/", root).pathname,
      baseUrl: root.pathname,
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
})();
