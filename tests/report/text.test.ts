import { formatResult } from '../../contracts/lib/report';
import { makeResult } from './sample-result';

describe('the text and markdown formats', () => {
  test('text prints the per-group table with a total row, then the counts by rule', () => {
    const lines = formatResult(makeResult(), 'text').split('\n');
    const header = lines.findIndex(line => line.startsWith('Group'));

    expect(lines[header]).toMatch(/^Group\s+Operations\s+Requests\s+Replayed\s+Findings$/);
    expect(lines[header + 2]).toMatch(/^Items\s+2\s+2\s+2\s+3$/);
    expect(lines[header + 5]).toMatch(/^Total\s+2\s+3\s+2\s+4$/);
    expect(lines).toContain('  envelope: 1');
    expect(lines.at(-2)).toBe('The contract is broken (1235 ms).');
  });

  test('text keeps each table row on one line whatever the group is called', () => {
    const table = formatResult(makeResult(), 'text')
      .split('\n')
      .filter(line => /\s\d+\s+\d+\s+\d+\s+\d+$/.test(line));
    expect(table).toHaveLength(3);
  });

  test('markdown escapes pipes and markup in group names', () => {
    const result = makeResult();
    const group = result.summary.groups[1];
    if (group !== undefined) group.name = 'a|b <script>';
    const markdown = formatResult(result, 'markdown');

    expect(markdown).toContain('| a\\|b &lt;script&gt; | 0 | 1 | 0 | 1 |');
    expect(markdown).toContain('| **Total** | 2 | 3 | 2 | 4 |');
  });
});

describe('a mock that would not run', () => {
  const reason = 'Prism could not load other.json: Error downloading http://example.com/x.json';
  const failed = () => {
    const result = makeResult();
    result.exitCode = 2;
    result.summary.error = reason;
    return result;
  };

  test('text says why, above the outcome line', () => {
    const lines = formatResult(failed(), 'text').split('\n');
    expect(lines.at(-4)).toBe(reason);
    expect(lines.at(-2)).toMatch(/^The check could not run \(\d+ ms\)\.$/);
  });

  test('json carries the reason in the summary', () => {
    const parsed = JSON.parse(formatResult(failed(), 'json')) as {
      summary: { error?: string; exitCode: number };
    };
    expect(parsed.summary).toMatchObject({ error: reason, exitCode: 2 });
  });

  test('github prints it as an error annotation', () => {
    expect(formatResult(failed(), 'github')).toContain(`::error title=contract check::${reason}`);
  });

  test('junit reports it as an erroring test case', () => {
    expect(formatResult(failed(), 'junit')).toMatch(
      /<testcase classname="contract rules" name="mock" time="0">\s*<error message="Prism could not load/,
    );
  });
});
