import path from 'node:path';

/**
 * The CJK font the project installs (`@embedpdf/fonts-sc`: Noto Sans SC, as "Noto Sans S Chinese" OTF files), for the
 * PDFs (render/pdf.ts) and the charts drawn as pictures (render/chart-png.ts): never one the machine happens to have.
 * The package exports only their list; the files sit in its `fonts/` folder.
 */
const fontFile = (file: string) => path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', file);

export const FONT_REGULAR = fontFile('NotoSansHans-Regular.otf');
export const FONT_BOLD = fontFile('NotoSansHans-Bold.otf');
/** The family name inside those files. */
export const FONT_FAMILY = 'Noto Sans S Chinese';
