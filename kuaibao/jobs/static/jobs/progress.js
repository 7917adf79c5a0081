// The job page polls its status while the job is queued or running, then reloads once to
// show the result. No libraries: fetch and the DOM.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "1") { return; }
  var url = box.dataset.statusUrl;
  var field = function (name) { return box.querySelector('[data-field="' + name + '"]'); };
  var delay = 1000;

  function show(data) {
    field("status_label").textContent = data.status_label;
    field("status_label").className = "status status-" + data.status;
    field("message").textContent = data.message;
    var bar = field("progress");
    if (data.total !== null) {
      bar.max = Math.max(data.total, 1);
      bar.value = data.done;
      bar.textContent = (data.percent || 0) + "%";
      field("count").textContent = data.done + "/" + data.total;
    }
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) {
        show(data);
        if (data.finished) { window.location.reload(); return; }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
