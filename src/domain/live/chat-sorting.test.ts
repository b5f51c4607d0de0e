import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyChatMessage, sortChat, type ChatKind } from './chat-sorting.ts';

function expectKinds(cases: [string, ChatKind][]) {
  for (const [text, kind] of cases)
    assert.equal(classifyChatMessage(text), kind, `${JSON.stringify(text)} is ${kind}`);
}

describe('sorting the chat after a session', () => {
  it('takes a message ending with a question mark as a question', () => {
    expectKinds([
      ['Did the ministry of finance agree to that?', 'question'],
      ['The budget was yearly, right?', 'question'],
      ['¿Cuánto tiempo tomó?', 'question'],
    ]);
  });

  it('takes a message that opens with a question word as a question, without the mark', () => {
    expectKinds([
      ['How did you convince the minister', 'question'],
      ['what licence did you use for the code', 'question'],
      ['Is the recording going to be shared', 'question'],
      ['Can you share the slides', 'question'],
      ['Cómo financiaron el equipo', 'question'],
      ['Pourquoi pas un cadre commun', 'question'],
      ['Quem pagou pelo piloto', 'question'],
    ]);
  });

  it('takes a question after thanks as a question', () => {
    expectKinds([
      ['Great talk! How did you fund it?', 'question'],
      ['Thanks so much. Which team owns the platform now', 'question'],
    ]);
  });

  it('does not take a lone question mark, a link with a query or an exclamation as a question', () => {
    expectKinds([
      ['?', 'other'],
      ['??', 'other'],
      ['The report is at https://example.org/report?page=3', 'other'],
      ['See www.example.gov/search?q=procurement for the framework', 'other'],
      ['What a great talk!', 'encouragement'],
      ['Can’t wait for the write-up', 'other'],
    ]);
  });

  it('takes thanks, congratulations and cheers as encouragement, in several languages', () => {
    expectKinds([
      ['Thank you, that was brilliant', 'encouragement'],
      ['Congratulations to the whole team', 'encouragement'],
      ['Well done Estonia', 'encouragement'],
      ['Love this approach', 'encouragement'],
      ['👏👏👏', 'encouragement'],
      ['🎉', 'encouragement'],
      ['Gracias desde Chile', 'encouragement'],
      ['Felicitaciones al equipo', 'encouragement'],
      ['Merci beaucoup', 'encouragement'],
      ['Félicitations !', 'encouragement'],
      ['Muito obrigado', 'encouragement'],
      ['Parabéns pelo trabalho', 'encouragement'],
      ['BRAVO', 'encouragement'],
    ]);
  });

  it('leaves everything else as other', () => {
    expectKinds([
      ['Hello from Montevideo', 'other'],
      ['We did the same with our tax service in 2019.', 'other'],
      ['Sound dropped for me for a minute', 'other'],
      ['', 'other'],
      // Whole words only: "greatly" and "thanksgiving" do not cheer.
      ['This greatly depends on the treasury', 'other'],
      ['Our thanksgiving release went out late', 'other'],
    ]);
  });

  it('sorts messages under the three headings, keeping their order', () => {
    const sorted = sortChat([
      { id: 1, text: 'Hello all' },
      { id: 2, text: 'How long did procurement take?' },
      { id: 3, text: 'Bravo!' },
      { id: 4, text: 'Who runs the platform?' },
    ]);
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(sorted).map(([kind, list]) => [kind, list.map((m) => m.id)]),
      ),
      { question: [2, 4], encouragement: [3], other: [1] },
    );
  });
});
