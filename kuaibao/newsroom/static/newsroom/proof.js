// Proofread while typing: after a pause, send the title and body to the server and list the
// findings. Accepting or dismissing one is done by the forms the page renders on load.
(function () {
  const panel = document.getElementById("proof");
  const form = document.getElementById("edit-form");
  if (!panel || !form) return;
  const title = form.querySelector("[name=title]");
  const body = form.querySelector("[name=body]");
  const list = document.getElementById("proof-list");
  const count = document.getElementById("proof-count");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timer = null;
  async function check() {
    const response = await fetch(panel.dataset.check, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token},
      body: JSON.stringify({title: title.value, body: body.value}),
    });
    if (!response.ok) return;
    const data = await response.json();
    list.replaceChildren();
    count.textContent = data.findings.length + " 条（输入中，保存后可一键采纳）";
    for (const f of data.findings) {
      const li = document.createElement("li");
      li.className = "finding severity-" + f.severity;
      li.textContent = "“" + f.text + "” " + f.message + (f.suggestion !== null ? "（建议：" + f.suggestion + "）" : "");
      list.append(li);
    }
    if (!data.findings.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "没有发现问题";
      list.append(li);
    }
  }
  for (const field of [title, body]) {
    field.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 600); });
  }
})();
