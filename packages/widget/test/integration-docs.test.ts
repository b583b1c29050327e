// The native samples of docs/integration.md are copied into apps as they are: each one
// that sends a session token or grants the camera checks the page's origin first, and
// the docs say where an outcome may be trusted (issue 15, item 5).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../../docs/integration.md', import.meta.url), 'utf8');
/** Fenced code blocks of the native-apps section, with their language. */
const section = doc.slice(doc.indexOf('## 6. Native apps'), doc.indexOf('## 7.'));
const samples = [...section.matchAll(/```(swift|kotlin|tsx|dart)\n([\s\S]*?)```/g)].map((m) => ({
  language: m[1]!,
  code: m[2]!,
}));
/** The names the samples give their origin checks. */
const ORIGIN_CHECK = /showsOurPage|ours\(\)|isOurs\(/;

describe('docs/integration.md native samples', () => {
  it('has a sample for iOS, Android, React Native and both Flutter plugins', () => {
    expect(samples.map((s) => s.language)).toEqual(['swift', 'kotlin', 'tsx', 'dart', 'dart']);
  });

  for (const [i, sample] of samples.entries()) {
    it(`sample ${i + 1} (${sample.language}) sends tokens only after an origin check`, () => {
      expect(sample.code).toMatch(/["']setToken["']/);
      expect(sample.code).toMatch(ORIGIN_CHECK);
      // Every function that runs a command in the page is guarded.
      for (const send of sample.code.matchAll(/^.*argosKyc\.command.*$/gm)) {
        const before = sample.code.slice(0, send.index);
        const body = before.slice(before.lastIndexOf('\n\n'));
        expect(`${body}${send[0]}`, send[0]).toMatch(new RegExp(`${ORIGIN_CHECK.source}|ours\\(\\)\\s*&&`));
      }
    });
  }

  it('grants the camera only where the sample checks the origin', () => {
    for (const sample of samples.filter((s) => /\bgrant\b|GRANT/.test(s.code)))
      expect(sample.code).toMatch(/isOurs\(|origin\.host == self\.origin|request\.origin\.host != origin/);
  });

  it('says the outcome is read on the server, with a check that compares the applicant', () => {
    const trust = doc.slice(doc.indexOf('### Trust the server, not the event'));
    expect(trust).toMatch(/`kyc-complete` and the bridge's messages are advisory/);
    expect(trust).toContain('argos.getSubmission(submissionId)');
    expect(trust).toContain('submission.userid !== userid');
  });
});
