"""`salescoach completion bash|zsh|fish`: a script the shell sources to complete salescoach.

The script asks salescoach itself what fits (`salescoach completion --complete -- WORDS...`),
so it knows commands, options, lead names, playbook names, step ids and objection families as
they are now. Nothing of this runs on any other command: start-up stays as it was.
"""

from __future__ import annotations

import typer

BASH = """\
# salescoach completion for bash: eval "$(salescoach completion bash)" in ~/.bashrc
_salescoach_complete() {
    local IFS=$'\\n' candidate
    COMPREPLY=()
    for candidate in $(salescoach completion --complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" \\
            2>/dev/null); do
        COMPREPLY+=("$(printf '%q' "$candidate")")
    done
}
complete -o default -F _salescoach_complete salescoach
"""

ZSH = """\
#compdef salescoach
# salescoach completion for zsh: eval "$(salescoach completion zsh)" in ~/.zshrc
_salescoach() {
    local -a candidates
    candidates=("${(@f)$(salescoach completion --complete -- "${(@)words[2,CURRENT]}" \\
        2>/dev/null)}")
    if (( ${#candidates} )) && [[ -n "${candidates[1]}" ]]; then
        compadd -a candidates
    else
        _files
    fi
}
(( $+functions[compdef] )) && compdef _salescoach salescoach
"""

FISH = """\
# salescoach completion for fish: salescoach completion fish | source (in config.fish)
function __salescoach_complete
    set -l words (commandline -opc) (commandline -ct)
    salescoach completion --complete -- $words[2..-1] 2>/dev/null
end
complete -c salescoach -a '(__salescoach_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}


def register(app: typer.Typer) -> None:
    app.command("completion")(completion)


def completion(
    shell: str | None = typer.Argument(None, metavar="SHELL", help="bash, zsh or fish."),
    words: list[str] | None = typer.Argument(None, hidden=True),
    complete: bool = typer.Option(
        False, "--complete", hidden=True, help="Print what fits the last of WORDS."
    ),
) -> None:
    """Print a shell completion script: commands, options, lead names, playbooks, step ids
    and objection families.

    bash: eval "$(salescoach completion bash)"; zsh: eval "$(salescoach completion zsh)";
    fish: salescoach completion fish | source.
    """
    from salescoach.cli.common import terminal
    from salescoach.errors import UsageError

    term = terminal()
    if complete:
        from salescoach.cli.completion.candidates import candidates

        typed = [shell, *(words or [])] if shell is not None else []
        for line in candidates(typed or [""]):
            term.line(line)
        return
    if shell not in SCRIPTS:
        raise UsageError(
            f"no completion for {shell!r}" if shell else "which shell?",
            hint="salescoach completion bash, zsh or fish",
        )
    term.write(SCRIPTS[shell])
