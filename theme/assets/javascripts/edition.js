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

/* The bibliography is read in pages. A link made when it was one page (/bibliography/#key) reaches
   the first page: if the work is not on it, look up the page that lists it and go there. */
(function () {
  var heading = document.querySelector("[data-edition-places]");
  var key;
  try { key = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }
  if (!heading || !key || document.getElementById(key) || !window.fetch) return;
  var places = new URL(heading.getAttribute("data-edition-places"), location.href);
  fetch(places).then(function (response) { return response.ok ? response.json() : {}; }).then(function (found) {
    if (Object.prototype.hasOwnProperty.call(found, key)) {
      var root = new URL("../", places);  // places.json lies in bibliography/, one below the site's root
      location.replace(new URL(found[key], root).href.split("#")[0] + "#" + encodeURIComponent(key));
    }
  }).catch(function () {});
})();
