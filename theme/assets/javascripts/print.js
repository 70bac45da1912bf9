/* On paper there is nothing to click: give each link of the page's text its full address, which the print
   stylesheet prints after it. The browser resolves the address as the reader reached the page. */
(function () {
  "use strict";
  function mark() {
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || link.closest("sup, .md-source-file")) continue;
      if (/\b(footnote-ref|footnote-backref|headerlink|edition-pilcrow|md-button)\b/.test(link.className)) continue;
      if (/^(mailto|tel):/i.test(href)) continue;
      link.setAttribute("data-print-url", link.href);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mark); /* Material's instant loading replaces the page's content */
  }
})();
