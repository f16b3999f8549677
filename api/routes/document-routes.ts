import { z } from 'zod';
import { documentHtml, type PrintDocument } from '../../render/document';
import { documentPdf } from '../../render/pdf';
import type { Caller } from '../authorise';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';

/**
 * A print-ready document (issue 21 item 3) at two addresses: `path` as a printable A4 HTML page and `path.pdf` (or
 * `pdfPath`) as a PDF, both from the one document `document` builds for the caller, so they never differ. Whatever
 * the caller may not read answers 404 (or 403) from `document`, before any byte is sent.
 */
export function documentRoutes<P extends z.ZodObject>(spec: {
  path: string;
  pdfPath?: string;
  summary: string;
  tag?: string;
  params: P;
  /** The PDF's file name, without `.pdf`; by default the document's title. */
  file?: (params: z.output<P>) => string;
  document: (params: z.output<P>, caller: Caller) => Promise<PrintDocument>;
  /** A document that may not exist yet answers 409 (a case not decided). */
  conflict?: true;
}): AnyRoute[] {
  const errors = spec.conflict ? ([403, 404, 409] as const) : ([403, 404] as const);
  const tag = spec.tag ?? spec.path.split('/')[1]!;
  return [
    defineRoute({
      method: 'get',
      path: spec.path,
      summary: `${spec.summary}: a printable A4 page (the project’s font, page numbers when printed)`,
      tag,
      secured: true,
      params: spec.params,
      response: z.string(),
      produces: 'text/html',
      errors: [...errors],
      handler: async ({ params, req }) => documentHtml(await spec.document(params, callerOf(req))),
    }),
    defineRoute({
      method: 'get',
      path: spec.pdfPath ?? `${spec.path}.pdf`,
      summary: `${spec.summary}: an A4 PDF, its Chinese text real (searchable) text`,
      tag,
      secured: true,
      params: spec.params,
      response: z.instanceof(Buffer),
      produces: 'application/pdf',
      errors: [...errors],
      handler: async ({ params, req, res }) => {
        const doc = await spec.document(params, callerOf(req));
        res.attachment(`${spec.file?.(params) ?? doc.title}.pdf`); // only once found: a 404 is no attachment
        return documentPdf(doc);
      },
    }),
  ];
}
