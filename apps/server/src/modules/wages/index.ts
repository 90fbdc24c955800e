export { wagesModule } from './module.js';
export type { WagesPort } from './wages.port.js';
// Printable-document helpers other modules reuse (the rights module's 移送案件材料): escaping, display formats and
// the A4 layout of the transfer documents.
export { DOCUMENT_CSP, escapeHtml, orDash, PRINT_TOOLBAR, timeText, yuan } from './documents/html.js';
export { evidenceDocumentCss } from './documents/evidencePackage.js';
