/**
 * Annotations on files and lines. GitHub shows at most 10 errors and 10 warnings per step, so we choose
 * which: the most severe first, in the order they were found; the rest are listed in the job summary.
 */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** A finding that can be shown on a file, a line and a column. */
export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
}

const RANK: Record<AnnotationLevel, number> = { error: 0, warning: 1, notice: 2 };

/** Default number of annotations shown inline. */
export const ANNOTATION_BUDGET = 10;

/** Splits annotations into those shown inline (most severe first, at most `budget`) and the overflow. */
export function budgetAnnotations(
  annotations: readonly Annotation[],
  budget = ANNOTATION_BUDGET,
): { inline: Annotation[]; overflow: Annotation[] } {
  const ordered = annotations
    .map((annotation, index) => ({ annotation, index }))
    .sort((a, b) => RANK[a.annotation.level] - RANK[b.annotation.level] || a.index - b.index)
    .map((entry) => entry.annotation);
  return { inline: ordered.slice(0, budget), overflow: ordered.slice(budget) };
}

/** Where an annotation points, as `file:line:column`. */
export function formatLocation(annotation: Annotation): string {
  if (!annotation.file) return '';
  const line = annotation.line ? `:${annotation.line}${annotation.column ? `:${annotation.column}` : ''}` : '';
  return `${annotation.file}${line}`;
}
