/**
 * Copies text with the asynchronous Clipboard API. Where that is not allowed (no permission, an
 * insecure origin, an old browser) the text is selected in `fallback` so a person can press Ctrl+C,
 * and the result says so: the UI must tell which of the two happened.
 */
export async function copyText(
  text: string,
  fallback: HTMLInputElement | HTMLTextAreaElement | null,
): Promise<'copied' | 'selected'> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    fallback?.focus();
    fallback?.select();
    return 'selected';
  }
}

export const COPY_MESSAGES = {
  copied: 'Copied to the clipboard.',
  selected: 'Copying is not allowed here: the text is selected, press Ctrl+C (⌘C) to copy it.',
} as const;
