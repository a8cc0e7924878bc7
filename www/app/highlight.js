// Renders a report with its findings highlighted, without ever parsing report text as HTML.
const MAX_MARKS = 5000;

/** Fills `container` with `text`, findings as <mark>s; returns how many were highlighted. */
export function renderHighlights(container, text, findings) {
  const frag = document.createDocumentFragment();
  let at = 0;
  let shown = 0;
  for (const f of findings) {
    if (shown >= MAX_MARKS) break;
    if (f.start < at) continue; // findings are non-overlapping and sorted; be defensive anyway
    frag.append(text.slice(at, f.start));
    const mark = document.createElement('mark');
    mark.className = `ent ent-${f.entity}`;
    mark.textContent = text.slice(f.start, f.end);
    const details = `${f.entity}, score ${f.score.toFixed(2)}, ${f.reason ?? ''}${f.action ? `, action: ${f.action}` : ''}`;
    mark.title = details;
    mark.setAttribute('aria-label', `${mark.textContent} (${details})`);
    mark.tabIndex = 0;
    mark.dataset.entity = f.entity;
    frag.append(mark);
    at = f.end;
    shown += 1;
  }
  frag.append(text.slice(at));
  container.replaceChildren(frag);
  return shown;
}
