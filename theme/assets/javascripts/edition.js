/* "Cite this document": copy the citation with one click. */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-edition-copy]");
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-edition-copy"));
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.innerText.trim()).then(function () {
    var label = button.textContent;
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = label; }, 1500);
  });
});

/* The bibliography is read in pages, and a work moves to a later page as works are added before it.
   A link to a work on a page that no longer lists it (or to /bibliography/#key, from when it was one
   page) looks up the page that lists the work now and goes there. */
(function () {
  var heading = document.querySelector("[data-edition-places]");
  if (!heading || !window.fetch) return;
  function find() {
    var key;
    try { key = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }
    var here = key && document.getElementById(key);
    if (!key || (here && here.closest(".edition-bibliography"))) return;
    var places = new URL(heading.getAttribute("data-edition-places"), location.href);
    fetch(places).then(function (response) { return response.ok ? response.json() : {}; }).then(function (found) {
      if (Object.prototype.hasOwnProperty.call(found, key)) {
        var root = new URL("../", places);  // places.json lies in bibliography/, one below the site's root
        var target = new URL(found[key], root);
        if (target.pathname !== location.pathname) location.replace(target.href + "#" + encodeURIComponent(key));
      }
    }).catch(function () {});
  }
  find();
  window.addEventListener("hashchange", find);
})();
