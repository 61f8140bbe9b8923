/* recto: filter for the persons register (persons/index.html).
   Progressive enhancement: without this script the page is the A-Z list (or, in a large
   register, one page of it: then the filter covers that page and says so).
   Shows the filter box, hides entries whose spellings (data-search, lower case)
   do not contain what is typed, hides letters left empty, and says how many are shown. */
(function () {
  "use strict";

  var box = document.querySelector(".person-filter");
  var input = document.getElementById("person-filter-input");
  if (!box || !input || !("hidden" in box)) return;

  var status = box.querySelector(".filter-status");
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-search]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.letter"));
  var letterLinks = Array.prototype.slice.call(document.querySelectorAll(".letters a[href^='#letter-']"));

  // Lower case, accents folded, curly apostrophes made straight, spaces collapsed.
  function fold(text) {
    var s = String(text).toLowerCase();
    if (s.normalize) s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return s.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, " ");
  }

  var keys = items.map(function (li) { return fold(li.getAttribute("data-search") || ""); });
  var timer = 0;

  function say(count) {
    if (!status) return;
    status.textContent = count + (count === 1 ? " person" : " persons") + " shown" +
      (box.getAttribute("data-scope") === "page" ? " on this page" : "");
  }

  function apply() {
    var query = fold(input.value).trim();
    var shown = 0;
    items.forEach(function (li, i) {
      var match = query === "" || keys[i].indexOf(query) !== -1;
      li.hidden = !match;
      if (match) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("li[data-search]:not([hidden])");
    });
    letterLinks.forEach(function (a) {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      var item = a.closest ? a.closest("li") : a.parentNode;
      if (target && item) item.hidden = target.hidden;
    });
    // Announce once the reader pauses, not at every key.
    clearTimeout(timer);
    timer = setTimeout(function () { say(shown); }, query === "" ? 0 : 250);
  }

  input.addEventListener("input", apply);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value !== "") {
      input.value = "";
      apply();
    }
  });

  box.hidden = false;
  // A value restored by the browser (back button) is applied at once.
  if (input.value !== "") apply();
})();
