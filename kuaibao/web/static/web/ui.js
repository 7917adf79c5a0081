// The interface's small behaviours, driven by data attributes (docs/ui.md), so that pages need
// no inline script (the CSP forbids it):
//   <select data-autosubmit>           submits its form when changed
//   <form data-confirm="…">            asks before submitting
//   <form data-guard>                  warns before leaving the page with unsaved edits
//   <form data-draft="KEY">            keeps the edits in this browser until they are saved,
//                                      and offers them back after a closed tab or a crash
//   <textarea data-maxlength="N">      counts characters and warns past N (never cuts a paste)
//   <button data-menu-toggle>          opens the menu on a phone
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var dirty = new Set();

  function fields(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button" || el.type === "file") { return; }
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) { out[el.name] = el.value; } return; }
      out[el.name] = el.value;
    });
    return out;
  }

  function same(a, b) {
    var keys = Object.keys(a).concat(Object.keys(b));
    return keys.every(function (k) { return (a[k] || "") === (b[k] || ""); });
  }

  function fill(form, values) {
    Object.keys(values).forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (el && "value" in el && el.type !== "hidden") {
        el.value = values[name];
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function draftNotice(form, key, saved) {
    var box = document.createElement("div");
    box.className = "alert alert-warning draft-notice";
    box.setAttribute("role", "status");
    var when = new Date(saved.at);
    var text = document.createElement("span");
    text.textContent = "这个页面有未保存的修改（" + when.toLocaleString("zh-CN") + " 在本浏览器中输入）。";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "btn btn-primary btn-sm";
    restore.textContent = "恢复未保存的修改";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm";
    discard.textContent = "丢弃";
    restore.addEventListener("click", function () {
      fill(form, saved.values);
      dirty.add(form);
      box.remove();
    });
    discard.addEventListener("click", function () {
      var s = storage();
      if (s) { s.removeItem(key); }
      box.remove();
    });
    box.append(text, " ", restore, " ", discard);
    form.parentNode.insertBefore(box, form);
  }

  function setUpDraft(form) {
    var s = storage();
    if (!s) { return; }
    var key = "kuaibao-draft:" + form.dataset.draft;
    var saved = null;
    try { saved = JSON.parse(s.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved && saved.values) {
      if (same(saved.values, fields(form))) { s.removeItem(key); }
      else { draftNotice(form, key, saved); }
    }
    var timer = null;
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        try { s.setItem(key, JSON.stringify({ at: Date.now(), values: fields(form) })); } catch (e) { /* full */ }
      }, 400);
    });
  }

  function setUpCounter(area) {
    var limit = parseInt(area.dataset.maxlength, 10);
    var counter = document.createElement("div");
    counter.className = "counter";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    function update() {
      var n = area.value.length;
      if (n > limit) {
        counter.textContent = "已输入 " + n + " 字，超出上限 " + (n - limit) + " 字（上限 " + limit + " 字）：请删减，否则无法保存";
        counter.classList.add("over");
      } else {
        counter.textContent = "已输入 " + n + " 字（上限 " + limit + " 字）";
        counter.classList.remove("over");
      }
    }
    area.addEventListener("input", update);
    update();
  }

  function init() {
    document.querySelectorAll("[data-menu-toggle]").forEach(function (button) {
      var nav = document.getElementById(button.getAttribute("aria-controls"));
      button.addEventListener("click", function () {
        var open = nav.classList.toggle("open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit(); });
    });
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); event.stopImmediatePropagation(); }
      });
    });
    document.querySelectorAll("form[data-guard], form[data-draft]").forEach(function (form) {
      form.addEventListener("input", function () { dirty.add(form); });
      form.addEventListener("change", function () { dirty.add(form); });
      form.addEventListener("submit", function () { dirty.delete(form); });
    });
    // A button outside the form that submits it (form="…") also carries the edits.
    document.querySelectorAll("button[form]").forEach(function (button) {
      button.addEventListener("click", function () {
        var form = document.getElementById(button.getAttribute("form"));
        if (form) { dirty.delete(form); }
      });
    });
    document.querySelectorAll("form[data-draft]").forEach(setUpDraft);
    document.querySelectorAll("textarea[data-maxlength], input[data-maxlength]").forEach(setUpCounter);
    window.addEventListener("beforeunload", function (event) {
      if (dirty.size) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
