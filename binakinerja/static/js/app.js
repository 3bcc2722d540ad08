/* Bina Kinerja: the few behaviours pages need beyond htmx, as one static file so that the
   Content-Security-Policy can forbid inline scripts (script-src 'self'). Each behaviour is
   switched on by a data- attribute in the template; without JavaScript every page still works
   (forms have submit buttons). */
(function () {
  "use strict";

  // <form data-auto-advance>: after a valid answer digit (1-4) in an input.answer, move the
  // cursor to the next visible field (paper questionnaire entry).
  document.addEventListener("input", function (e) {
    var t = e.target;
    if (!t.form || !t.form.hasAttribute("data-auto-advance")) return;
    if (!t.classList.contains("answer") || !/^[1-4]$/.test(t.value)) return;
    var f = t.form.elements, i = Array.prototype.indexOf.call(f, t);
    for (var j = i + 1; j < f.length; j++) {
      if (f[j].type !== "hidden") { f[j].focus(); if (f[j].select) f[j].select(); break; }
    }
  });

  // <details data-menu>: the header menu. Folded behind its "Menu" button on a phone; open
  // (and its button hidden by app.css) on a wider screen. Without JavaScript the button works.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : null;
  function placeMenu() {
    var menu = document.querySelector("details[data-menu]");
    if (menu && wide) menu.open = wide.matches;
  }
  if (wide) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", placeMenu);
    else placeMenu();
    if (wide.addEventListener) wide.addEventListener("change", placeMenu);
  }

  // <form data-cascade="instansi opd unit">: choosing a level clears the levels below it and
  // reloads the form (its options depend on the choice) through htmx (employee list filters).
  document.addEventListener("change", function (e) {
    var t = e.target, form = t.form;
    if (!form || !form.hasAttribute("data-cascade") || !window.htmx) return;
    var levels = form.getAttribute("data-cascade").split(/\s+/);
    var at = levels.indexOf(t.name);
    if (at < 0 || at === levels.length - 1) return;
    for (var k = at + 1; k < levels.length; k++) {
      var below = form.elements[levels[k]];
      if (below) below.value = "";
    }
    var query = new URLSearchParams(new FormData(form)).toString();
    htmx.ajax("GET", form.action + "?" + query, {
      target: "#" + form.id, swap: "outerHTML", headers: {"HX-Target": form.id}
    });
  });

  // SKP realisation form (i11c): <select data-realisation-indicator> whose options carry
  // data-kind="number" or "text"; the number field is hidden for an indicator with a text
  // target, so the form asks for the value the indicator needs. Without JavaScript both show.
  function realisationFields(select) {
    var option = select.options[select.selectedIndex];
    var kind = option ? option.getAttribute("data-kind") : null;
    var number = select.form && select.form.querySelector("[data-realisation-field=value]");
    if (number) number.hidden = kind === "text";
  }
  document.addEventListener("change", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-realisation-indicator")) {
      realisationFields(e.target);
    }
  });
  function realisationInit() {
    var selects = document.querySelectorAll("select[data-realisation-indicator]");
    for (var n = 0; n < selects.length; n++) realisationFields(selects[n]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", realisationInit);
  else realisationInit();
})();
