// What the accessibility pass looks for on a page: text under 7:1 contrast, controls
// without a label, chart text outside its drawing, and how many controls there are
// (each marked with data-k for the keyboard walk).
(() => {
  const lum = (c) => {
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const ink = el.closest('svg') ? (el.getAttribute('fill') || el.closest('svg').getAttribute('fill')) : style.color;
    const fg = ink.startsWith('#') ? `rgb(${parseInt(ink.slice(1,3),16)}, ${parseInt(ink.slice(3,5),16)}, ${parseInt(ink.slice(5,7),16)})` : ink;
    const [a, b] = [lum(fg), lum(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 7) low.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  const unlabelled = [...document.querySelectorAll('input:not([type=hidden]), select, button, a[href]')]
    .filter((el) => !((el.labels && el.labels.length) || el.getAttribute('aria-label') || el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 60));
  const cut = [...document.querySelectorAll('svg.chart text')].filter((t) => {
    const box = t.getBBox(); const width = t.ownerSVGElement.viewBox.baseVal.width;
    return box.x < 0 || box.x + box.width > width;
  }).map((t) => t.textContent);
  const shown = [...document.querySelectorAll('input:not([type=hidden]), select, button, a[href]')]
    .filter((el) => el.getClientRects().length);
  shown.forEach((el, i) => { el.dataset.k = String(i); });
  const controls = shown.length;
  return {low, unlabelled, cut, controls};
})
