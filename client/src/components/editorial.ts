// The catalogue's texts quote the standard; where the catalogue reads a word of the standard in its
// own way, the text says so in a parenthesis: «(в тексте: «кемінде екі ай», …)», «(the text says …)»,
// «(printed in the standard as …)», «(номер в тексте не указан)». These notes are for staff, who
// check the catalogue against the order; citizens get the text without them (public pages), the
// desk's pages keep them. The notes are recognised by how such a parenthesis begins.
const NOTE = /\s*\((?:в тексте|номер в тексте|мәтінде|the text says|printed in the standard|number not given in the text)(?=[\s:,;)])[^()]*(?:\([^()]*\)[^()]*)*\)/giu;

/** The editorial notes in a catalogue text, each without its parentheses. */
export function editorialNotes(text: string): string[] {
  return [...text.matchAll(NOTE)].map((match) => match[0].trim().slice(1, -1));
}

/** The text as a citizen reads it: the editorial notes taken out. */
export function citizenText(text: string): string {
  return text.replace(NOTE, '').replace(/\s+([.,;:])/g, '$1');
}
