import type { ResultDelivery } from './agent-invocation.ts';

/** The prompt of one attempt: the rendered prompt, how to deliver the result, and why the last attempt failed. */
export function appendPromptNotes(
  prompt: string,
  delivery: ResultDelivery,
  outputFile: string,
  previousError?: string,
): string {
  const sections = [prompt.trimEnd(), '## How to deliver your result', deliveryNote(delivery, outputFile)];
  if (previousError !== undefined) {
    sections.push(
      '## Your previous attempt failed',
      `It did not produce a valid result: ${previousError}.`,
      'Produce the result again, exactly in the format described above.',
    );
  }
  return `${sections.join('\n\n')}\n`;
}

function deliveryNote(delivery: ResultDelivery, outputFile: string): string {
  if (delivery === 'output-file') {
    return [
      'Write your result as one JSON object to the file named by the environment variable PERFBOT_OUTPUT_FILE',
      `(${outputFile}). Write nothing else to that file.`,
    ].join('\n');
  }
  return [
    'End your final message with your result as one JSON object in a ```json fenced block.',
    'Do not write it to a file.',
  ].join(' ');
}
