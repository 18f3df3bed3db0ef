# fish completion for pipwarden. Loaded by `pipwarden init fish | source`,
# or print it with `pipwarden completion fish`.

# True once `--` was typed; with a number, when exactly that many words follow it.
function __pipwarden_after_dashdash
    set -l words (commandline -opc)
    set -l i (contains -i -- -- $words); or return 1
    test (count $argv) -eq 0; and return 0
    test (math (count $words) - $i) -eq $argv[1]
end

complete -c pipwarden -f
complete -c pipwarden -n __fish_use_subcommand -s h -l help -d 'show help'
complete -c pipwarden -n __fish_use_subcommand -s V -l version -d 'show the version'
complete -c pipwarden -n __fish_use_subcommand -a explain -d 'print the plan for a pip command, run nothing'
complete -c pipwarden -n __fish_use_subcommand -a run -d 'carry out the plan for a pip command'
complete -c pipwarden -n __fish_use_subcommand -a init -d 'print shell integration code'
complete -c pipwarden -n __fish_use_subcommand -a rehash -d '(re)write the shims'
complete -c pipwarden -n __fish_use_subcommand -a completion -d 'print a completion script'
complete -c pipwarden -n __fish_use_subcommand -a config -d 'show the merged config and where each value came from'
complete -c pipwarden -n __fish_use_subcommand -a doctor -d 'what pip install will do here, and every problem with its fix'
complete -c pipwarden -n __fish_use_subcommand -a user -d 'list or clean what user installs left'
complete -c pipwarden -n __fish_use_subcommand -a trust -d 'let a project config file run code or name programs'
complete -c pipwarden -n __fish_use_subcommand -a setup -d 'set up shims, init files and rc lines after npm i -g'
complete -c pipwarden -n __fish_use_subcommand -a org -d "the org policy at pip's own level (as root)"

complete -c pipwarden -n '__fish_seen_subcommand_from explain; and not __pipwarden_after_dashdash' -l json -d 'print the plan as JSON'
complete -c pipwarden -n '__fish_seen_subcommand_from explain run; and not __pipwarden_after_dashdash' -a -- -d 'the pip command follows'
complete -c pipwarden -n '__fish_seen_subcommand_from explain run; and __pipwarden_after_dashdash 0' -a 'pip pip3 python python3' -d 'the command pipwarden wraps'
complete -c pipwarden -n '__fish_seen_subcommand_from explain run; and __pipwarden_after_dashdash; and not __pipwarden_after_dashdash 0' -F
complete -c pipwarden -n '__fish_seen_subcommand_from init; and not __fish_seen_subcommand_from bash zsh fish sh' -a 'bash zsh fish sh'
complete -c pipwarden -n '__fish_seen_subcommand_from completion; and not __fish_seen_subcommand_from bash zsh fish' -a 'bash zsh fish'
complete -c pipwarden -n '__fish_seen_subcommand_from rehash' -l dir -r -F -d 'write the shims here'
complete -c pipwarden -n '__fish_seen_subcommand_from rehash' -l remove -d 'remove the shims and the shim dir'
complete -c pipwarden -n '__fish_seen_subcommand_from rehash' -l follow -d 'only follow shims for the NAMEs given'
complete -c pipwarden -n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from validate' -l json -d 'print as JSON'
# config validate [--strict] [FILE]
complete -c pipwarden -n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from validate' -a validate -d 'check a config file'
complete -c pipwarden -n '__fish_seen_subcommand_from validate' -l strict -d 'warnings fail too'
complete -c pipwarden -n '__fish_seen_subcommand_from validate trust' -F
complete -c pipwarden -n '__fish_seen_subcommand_from trust' -l revoke -d 'take the trust back'
complete -c pipwarden -n '__fish_seen_subcommand_from explain run; and not __pipwarden_after_dashdash' -l set -r -d 'a config value for this call (KEY=VALUE)'
complete -c pipwarden -n '__fish_seen_subcommand_from init' -l write -d 'write the static init files'
complete -c pipwarden -n '__fish_seen_subcommand_from init' -l ci -d 'the shims on PATH for the later steps of a CI job'
complete -c pipwarden -n '__fish_seen_subcommand_from doctor' -l json -d 'print as JSON'
complete -c pipwarden -n '__fish_seen_subcommand_from run; and not __pipwarden_after_dashdash' -l quiet -d 'silence notices'
complete -c pipwarden -n '__fish_seen_subcommand_from user; and not __fish_seen_subcommand_from list clean' -a 'list clean'
complete -c pipwarden -n '__fish_seen_subcommand_from user' -l python -r -d 'the interpreter whose user site to use'
complete -c pipwarden -n '__fish_seen_subcommand_from user' -l dry-run -d 'say what would go, remove nothing'
complete -c pipwarden -n '__fish_seen_subcommand_from user' -l yes -d 'no confirmation'
complete -c pipwarden -n '__fish_seen_subcommand_from user' -l json -d 'print as JSON'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l yes -d 'no questions'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l no-modify-rc -d 'leave rc files alone'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l bin-dir -r -F -d 'where the command goes'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l uninstall -d 'remove what setup put there'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l purge -d 'with --uninstall: remove what it kept too'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l system -d 'for every user, as root'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l preset -r -d 'with --system: org policy presets'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l audit-file -r -F -d 'with --system: a shared audit file'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l syslog -d 'with --system: audit to syslog too'
complete -c pipwarden -n '__fish_seen_subcommand_from setup' -l prefix -r -F -d 'with --system: where pipwarden goes'
# org apply [--check] [--undo]
complete -c pipwarden -n '__fish_seen_subcommand_from org; and not __fish_seen_subcommand_from apply' -a apply -d 'markers and pip.conf for the org policy'
complete -c pipwarden -n '__fish_seen_subcommand_from apply' -l check -d 'change nothing, report each gap'
complete -c pipwarden -n '__fish_seen_subcommand_from apply' -l undo -d 'remove what org apply wrote'
