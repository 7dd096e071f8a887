// Printing one paper of a page (issue 22): the slip and the refusal notice are shown in the page and
// printed from it with the browser's print dialog, never from a new tab. styles.css prints the
// [data-paper] marked [data-printing] alone when a page holds several (an application page may show
// the slip and the refusal notice at once).

/** Marks `paper` as the one to print, then opens the print dialog; the mark goes once printing is over. */
export function printPaper(paper: Element | null | undefined): void {
  for (const other of document.querySelectorAll('[data-paper][data-printing]')) {
    if (other !== paper) other.removeAttribute('data-printing');
  }
  if (paper) {
    paper.setAttribute('data-printing', '');
    window.addEventListener('afterprint', () => paper.removeAttribute('data-printing'), { once: true });
  }
  window.print();
}
