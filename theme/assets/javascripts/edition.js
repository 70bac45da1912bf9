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
