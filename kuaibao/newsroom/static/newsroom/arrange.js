// Drag and drop to reorder an edition's items; the buttons beside each item do the same by keyboard.
(function () {
  const list = document.getElementById("placements");
  let dragged = null;
  list.addEventListener("dragstart", (e) => { dragged = e.target.closest("li"); dragged.classList.add("dragging"); });
  list.addEventListener("dragend", () => { if (dragged) dragged.classList.remove("dragging"); });
  list.addEventListener("dragover", (e) => {
    e.preventDefault();
    const over = e.target.closest("li");
    if (!over || over === dragged) return;
    const rect = over.getBoundingClientRect();
    list.insertBefore(dragged, e.clientY > rect.top + rect.height / 2 ? over.nextSibling : over);
  });
  list.addEventListener("drop", async (e) => {
    e.preventDefault();
    const order = [...list.querySelectorAll("li[data-id]")].map((li) => Number(li.dataset.id));
    const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
    const response = await fetch(list.dataset.arrange, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRFToken": token}, body: JSON.stringify({order})});
    if (response.ok) { location.reload(); } else { alert((await response.json()).error || "调整失败"); location.reload(); }
  });
})();
