// All three catalogues at once, for code that prints in a language other than the page's (the
// applicant's slip and notices, deadlines in the applicant's language, the bilingual hall display).
// Imported only from lazy chunks: the catalogue page loads just its own language (messages.ts).
import { registerCatalogues } from './messages';
import { kk } from './kk';
import { ru } from './ru';
import { en } from './en';

registerCatalogues({ kk, ru, en });

export const catalogues = { kk, ru, en };
