// The filter of a register page (权责清单, 标准目录, 办事指南): a text box and one row of buttons per facet
// (county-wide also one for the unit).
// Without this script the page shows every row; with it, rows that do not match are hidden,
// the buttons show how many rows each choice would leave, and the address keeps the choice
// (?q=…&事项类型=…) so a filtered list can be bookmarked or shared.

const DELAY = 120; // ms after the last key, so typing stays smooth on a phone at thousands of rows

function init(root) {
  const form = root.querySelector(".xxgk-filter");
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector(".xxgk-filter__status");
  const none = root.querySelector(".xxgk-filter__none");
  const groups = Array.from(form.querySelectorAll("fieldset[data-facet]"), (fieldset) => ({
    key: "f" + fieldset.dataset.facet,
    name: fieldset.dataset.name,
    buttons: Array.from(fieldset.querySelectorAll("button")),
    selected: "",
  }));
  const rows = Array.from(root.querySelectorAll("tbody tr"), (tr) => ({
    tr,
    text: tr.textContent.toLowerCase(),
    values: groups.map((group) => (tr.dataset[group.key] || "").split("|")),
    hidden: false,
  }));

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const group of groups) {
    const wanted = params.get(group.name) || "";
    if (group.buttons.some((button) => button.dataset.value === wanted)) group.selected = wanted;
  }

  function apply() {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const counts = groups.map(() => new Map());
    let shown = 0;
    for (const row of rows) {
      if (!words.every((word) => row.text.includes(word))) {
        show(row, false);
        continue;
      }
      const fits = groups.map((group, i) => !group.selected || row.values[i].includes(group.selected));
      const visible = fits.every(Boolean);
      show(row, visible);
      if (visible) shown += 1;
      // A button counts the rows it would show, given the text and the other facets.
      groups.forEach((group, i) => {
        if (!fits.every((fit, j) => j === i || fit)) return;
        const count = counts[i];
        count.set("", (count.get("") || 0) + 1);
        for (const value of row.values[i]) count.set(value, (count.get(value) || 0) + 1);
      });
    }
    groups.forEach((group, i) => {
      for (const button of group.buttons) {
        button.setAttribute("aria-pressed", String(button.dataset.value === group.selected));
        button.querySelector(".xxgk-count").textContent = counts[i].get(button.dataset.value) || 0;
      }
    });
    const filtered = words.length || groups.some((group) => group.selected);
    status.textContent = filtered ? `显示 ${shown} 项（共 ${rows.length} 项）` : `共 ${rows.length} 项`;
    none.hidden = shown > 0;
    remember(words.length ? input.value.trim() : "");
  }

  function show(row, visible) {
    if (row.hidden === !visible) return; // touching only changed rows keeps a filter at 3,000 rows fast
    row.hidden = !visible;
    row.tr.hidden = !visible;
  }

  function remember(query) {
    const next = new URLSearchParams();
    if (query) next.set("q", query);
    for (const group of groups) if (group.selected) next.set(group.name, group.selected);
    const search = next.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(apply, DELAY);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    apply();
  });
  for (const group of groups) {
    for (const button of group.buttons) {
      button.addEventListener("click", () => {
        group.selected = button.dataset.value;
        apply();
      });
    }
  }

  form.hidden = false;
  root.querySelector("[data-xxgk-static]").hidden = true;
  apply();
}

for (const root of document.querySelectorAll("[data-xxgk-register]")) init(root);
