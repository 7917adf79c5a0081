// The import page's drop zone: folders, files and ZIPs dropped on it (or picked) are sent with
// each file's path inside its folder, then the browser goes to the job's page. Without
// JavaScript the two file inputs post the same form.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var zone = document.getElementById("dropzone");
  if (!form || !zone) { return; }
  var picked = document.getElementById("dropzone-picked");
  var bar = document.getElementById("upload-progress");
  var dropped = [];

  function readEntry(entry, prefix) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (file) { resolve([{ file: file, path: prefix + file.name }]); }, function () { resolve([]); });
        return;
      }
      var reader = entry.createReader();
      var all = [];
      (function more() {
        reader.readEntries(function (entries) {
          if (!entries.length) {
            Promise.all(all.map(function (child) { return readEntry(child, prefix + entry.name + "/"); }))
              .then(function (lists) { resolve([].concat.apply([], lists)); });
            return;
          }
          all = all.concat(Array.prototype.slice.call(entries));
          more();
        }, function () { resolve([]); });
      })();
    });
  }

  function show(list) {
    var size = list.reduce(function (sum, item) { return sum + item.file.size; }, 0);
    picked.textContent = "已选 " + list.length + " 个文件，共 " + (size / 1048576).toFixed(1) + " MB";
  }

  zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("over");
    var items = event.dataTransfer.items;
    var entries = [];
    for (var i = 0; items && i < items.length; i++) {
      var entry = items[i].webkitGetAsEntry && items[i].webkitGetAsEntry();
      if (entry) { entries.push(entry); }
    }
    if (!entries.length) {
      dropped = Array.prototype.map.call(event.dataTransfer.files, function (f) { return { file: f, path: f.name }; });
      show(dropped);
      return;
    }
    Promise.all(entries.map(function (entry) { return readEntry(entry, ""); })).then(function (lists) {
      dropped = [].concat.apply([], lists);
      show(dropped);
    });
  });

  form.addEventListener("change", function () {
    dropped = [];
    var list = [];
    form.querySelectorAll('input[type="file"]').forEach(function (input) {
      Array.prototype.forEach.call(input.files, function (f) { list.push({ file: f, path: f.webkitRelativePath || f.name }); });
    });
    show(list);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector('input[name="csrfmiddlewaretoken"]').value);
    var list = dropped.slice();
    if (!list.length) {
      form.querySelectorAll('input[type="file"]').forEach(function (input) {
        Array.prototype.forEach.call(input.files, function (f) { list.push({ file: f, path: f.webkitRelativePath || f.name }); });
      });
    }
    list.forEach(function (item) { data.append("files", item.file, item.file.name); data.append("paths", item.path); });
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    bar.hidden = false;
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); bar.textContent = bar.value + "%"; }
    });
    request.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (e) { answer = { error: "上传失败（" + request.status + "）" }; }
      if (answer.url) { window.location.href = answer.url; return; }
      bar.hidden = true;
      picked.textContent = answer.error || "上传失败";
    });
    request.addEventListener("error", function () { bar.hidden = true; picked.textContent = "上传失败：网络中断"; });
    request.send(data);
  });
})();
