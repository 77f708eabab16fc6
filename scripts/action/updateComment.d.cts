// Types of updateComment.cjs for the TypeScript tests (the script itself runs untranspiled in actions/github-script).
export declare const marker: string;
export declare function updateComment(options: {
  github: unknown;
  context: unknown;
  body: string;
}): Promise<{ action: 'created' | 'updated' | 'skipped'; id?: number }>;
