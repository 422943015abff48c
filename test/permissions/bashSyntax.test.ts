// What the permission pipeline gets from tree-sitter-bash for compound syntax, and where the parse is
// distrusted: every case asserts the analysis (commands, redirections, payloads, reasons) or the decision.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeBashCommand, initBashParser } from '../../src/permissions/bashAnalysis.js';
import { isReadOnlyBashCommand } from '../../src/permissions/bashReadOnly.js';
import { bash, makePolicy, makeTempDir } from './policyFixture.js';

await initBashParser();

const commandsOf = (command: string) => analyzeBashCommand(command).commands.map((c) => c.words.map((w) => w.value).join(' '));
const nestedOf = (command: string) => {
  const analysis = analyzeBashCommand(command);
  return analysis.allCommands.slice(analysis.commands.length).map((c) => c.words.map((w) => w.value).join(' '));
};
const redirectsOf = (command: string) =>
  analyzeBashCommand(command).commands.map((c) => c.redirects.map((r) => `${r.fd ?? ''}${r.operator}${r.target?.value ?? ''}`));

describe('compound commands: every command inside is found and the line stays analysable', () => {
  const cases: Array<[string, string[]]> = [
    ['if test -f a; then cat a; elif test -f b; then cat b; else ls; fi', ['test -f a', 'cat a', 'test -f b', 'cat b', 'ls']],
    ['for f in *.ts; do wc -l "$f"; done', ['wc -l $f']],
    ['while read line; do echo "$line"; done', ['read line', 'echo $line']],
    ['until false; do sleep 1; done', ['false', 'sleep 1']],
    ['case "$1" in start|go) npm start;; *) echo usage;; esac', ['npm start', 'echo usage']],
    ['(cat a; cat b) | sort', ['cat a', 'cat b', 'sort']],
    ['{ npm test; npm run lint; } 2>&1 | tail -n 20', ['npm test', 'npm run lint', 'tail -n 20']],
    ['! grep -q x file', ['grep -q x file']],
    ['[ -d src ] && ls src', ['[ -d src ]', 'ls src']],
  ];
  for (const [command, expected] of cases) {
    it(JSON.stringify(command), () => {
      const analysis = analyzeBashCommand(command);
      assert.deepEqual(commandsOf(command), expected);
      assert.deepEqual(analysis.unanalysable, []);
      assert.deepEqual(analysis.hidden, []);
    });
  }

  it('redirections of a compound command apply to every command inside it', () => {
    assert.deepEqual(redirectsOf('while read l; do echo $l; done < in.txt > out.txt'), [['<in.txt', '>out.txt'], ['<in.txt', '>out.txt']]);
    assert.deepEqual(redirectsOf('{ ls; pwd; } 2>/dev/null'), [['2>/dev/null'], ['2>/dev/null']]);
  });

  it('a redirection after a list or pipeline belongs to its last command only', () => {
    assert.deepEqual(redirectsOf('ls >out 2>&1 && cat <in'), [['>out', '2>&1'], ['<in']]);
    assert.deepEqual(redirectsOf('ls | grep x > found.txt'), [[], ['>found.txt']]);
  });

  it('words after a redirection target stay arguments of the command', () => {
    assert.deepEqual(commandsOf('echo >out a b'), ['echo a b']);
    assert.deepEqual(commandsOf('rm >/dev/null -rf x'), ['rm -rf x']);
  });

  it('a redirection alone is a command that writes the file', () => {
    const analysis = analyzeBashCommand('> out.txt');
    assert.deepEqual(analysis.commands.map((c) => c.words.length), [0]);
    assert.deepEqual(redirectsOf('> out.txt'), [['>out.txt']]);
  });

  it('records joining operators, |& included', () => {
    assert.deepEqual(analyzeBashCommand('make |& tee log; ls & pwd\nid').commands.map((c) => c.joinedBy), [undefined, '|&', ';', '&', '\n']);
  });

  it('function bodies are exposed to deny rules but the definition is not analysable', () => {
    const analysis = analyzeBashCommand('cleanup() { rm -rf build; }; cleanup');
    assert.ok(analysis.allCommands.some((c) => c.words.map((w) => w.value).join(' ') === 'rm -rf build'));
    assert.ok(analysis.unanalysable.some((reason) => /function definition/.test(reason)));
  });
});

describe('payloads inside compound syntax and words', () => {
  it('nested substitutions are all exposed', () => {
    assert.deepEqual(nestedOf('echo "$(echo `id` $(cat <(rm -rf x)))"'), ['echo `id` $(cat <(rm -rf x))', 'id', 'cat <(rm -rf x)', 'rm -rf x']);
  });
  it('substitutions in for lists, case words and redirection targets are exposed', () => {
    assert.ok(nestedOf('for f in $(rm -rf a); do ls; done').includes('rm -rf a'));
    assert.ok(nestedOf('case $(rm -rf b) in x) ls;; esac').includes('rm -rf b'));
    assert.ok(nestedOf('ls > "$(rm -rf c)"').includes('rm -rf c'));
  });
  it('process substitution is a payload and makes the line unanalysable', () => {
    const analysis = analyzeBashCommand('diff <(ls a) >(cat)');
    assert.deepEqual(nestedOf('diff <(ls a) >(cat)'), ['ls a', 'cat']);
    assert.ok(analysis.unanalysable.some((reason) => /process substitution/.test(reason)));
  });
});

describe('here-documents', () => {
  it('a here-document to cat is data: analysable and read-only', () => {
    const command = "cat <<'EOF'\n$(rm -rf x)\nEOF";
    const analysis = analyzeBashCommand(command);
    assert.deepEqual(analysis.unanalysable, []);
    assert.deepEqual(analysis.commands[0]?.redirects[0]?.heredoc, { body: '$(rm -rf x)', expands: false });
    assert.equal(isReadOnlyBashCommand(command), true);
  });
  it('a here-document fed to a shell is a payload', () => {
    const analysis = analyzeBashCommand('bash <<-EOF\n\tcd /tmp\n\trm -rf x\n\tEOF\necho done');
    assert.deepEqual(nestedOf('bash <<-EOF\n\tcd /tmp\n\trm -rf x\n\tEOF\necho done'), ['cd /tmp', 'rm -rf x']);
    assert.deepEqual(commandsOf('bash <<-EOF\n\tcd /tmp\n\trm -rf x\n\tEOF\necho done'), ['bash', 'echo done']);
    assert.ok(analysis.unanalysable.includes('bash reading commands from standard input'));
  });
  it('what follows the here-document operator runs after it, without the document', () => {
    const analysis = analyzeBashCommand('cat <<EOF | sh\nrm -rf y\nEOF');
    assert.deepEqual(commandsOf('cat <<EOF | sh\nrm -rf y\nEOF'), ['cat', 'sh']);
    assert.deepEqual(analysis.hidden, ['sh runs commands from standard input']);
    assert.deepEqual(redirectsOf('cat <<EOF > out.txt && ls\nhi\nEOF'), [['<<EOF', '>out.txt'], []]);
  });
  it('an expanding here-document exposes its substitutions', () => {
    assert.deepEqual(nestedOf('cat <<EOF\nuser: $(whoami)\nEOF'), ['whoami']);
  });
  it('denies rm hidden in a here-document to a shell', () => {
    const policy = makePolicy({ cwd: makeTempDir(), mode: 'bypassPermissions', deny: ['Bash(rm *)'] });
    assert.equal(bash('sh <<EOF\nif true; then\n  rm -rf /\nfi\nEOF', policy).behavior, 'deny');
  });
});

describe('comments and line continuations', () => {
  it('a comment ends the command line; `#` inside a word does not', () => {
    assert.deepEqual(commandsOf('ls # ; rm -rf /'), ['ls']);
    assert.deepEqual(commandsOf('echo a#b; pwd'), ['echo a#b', 'pwd']);
    assert.deepEqual(commandsOf('if true; then # explain\n  ls\nfi'), ['true', 'ls']);
  });
  it('line continuations join words the way bash does', () => {
    assert.deepEqual(commandsOf('ls \\\n  -la \\\n  src'), ['ls -la src']);
    assert.deepEqual(commandsOf('r\\\nm -rf /'), ['rm -rf /']);
  });
});

describe('what stays unanalysable, and why', () => {
  const cases: Array<[string, RegExp]> = [
    ['(cd src && make)', /directory change inside/],
    ['cd a/b | cat ../../secret', /directory change inside/],
    ['for HOME in /tmp; do ls ~; done', /for loop assigning `HOME`/],
    ["a='x[$(id)]'; echo ${s:a}", /evaluated as arithmetic/],
    ["a='x[$(id)]'; echo ${!a}", /evaluated as arithmetic/],
    ["a='x[$(id)]'; arr[a]=1", /evaluated as arithmetic/],
    ['[[ $n -eq 1 ]] && ls', /keyword `\[\[`/],
    ['echo $[1 + 2]', /arithmetic expansion/],
  ];
  for (const [command, reason] of cases) {
    it(JSON.stringify(command), () => {
      const analysis = analyzeBashCommand(command);
      assert.ok(analysis.unanalysable.some((r) => reason.test(r)), JSON.stringify(analysis.unanalysable));
    });
  }
  it('literal subscripts and substrings are fine', () => {
    assert.deepEqual(analyzeBashCommand('echo ${arr[0]} ${arr[@]} ${s:1:2} ${s: -1} ${x:-default}').unanalysable, []);
  });
  it('parse errors are unanalysable and hidden, so deny rules are never assumed to have seen everything', () => {
    for (const command of ['ls (', 'echo "open', '{rm,-rf,/}', 'a#b', 'cat <<"E"OF\nx\nEOF\nrm -rf /']) {
      const analysis = analyzeBashCommand(command);
      assert.ok(analysis.unanalysable.some((r) => r.startsWith('could not be parsed')), `${command}: ${JSON.stringify(analysis.unanalysable)}`);
      assert.ok(analysis.hidden.length > 0, command);
    }
    const policy = makePolicy({ cwd: makeTempDir(), mode: 'bypassPermissions', deny: ['Bash(rm *)'] });
    assert.equal(bash('{rm,-rf,/}', policy).behavior, 'ask');
  });
});

describe('decisions on compound commands', () => {
  const cwd = makeTempDir();
  it('read-only loops and conditionals run without asking in the default mode', () => {
    const policy = makePolicy({ cwd });
    for (const command of ['for n in 1 2 3; do echo "line $n"; done', 'if grep -q name package.json; then cat package.json; else ls; fi', '{ ls; pwd; } | head -n 5']) {
      assert.equal(bash(command, policy).behavior, 'allow', command);
    }
  });
  it('a command inside that is not covered still asks', () => {
    const policy = makePolicy({ cwd, allow: ['Bash(npm test)'] });
    const decision = bash('if npm test; then git push; fi', policy);
    assert.equal(decision.behavior, 'ask');
    assert.match(decision.reason, /`git push`/);
  });
  it('deny rules see commands in every branch', () => {
    const policy = makePolicy({ cwd, mode: 'bypassPermissions', deny: ['Bash(git push *)'] });
    for (const command of ['if false; then :; else git push origin main; fi', 'case x in y) ls;; *) git push -f x;; esac', 'until git push origin x; do sleep 1; done']) {
      assert.equal(bash(command, policy).behavior, 'deny', command);
    }
  });
});
