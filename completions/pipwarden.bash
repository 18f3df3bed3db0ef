# bash completion for pipwarden. Loaded by `eval "$(pipwarden init bash)"`,
# or print it with `pipwarden completion bash`.
# shellcheck disable=SC2207 # COMPREPLY=($(compgen …)) is the bash 3.2-safe idiom

_pipwarden() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD - 1]}
  local i
  # After `--` comes the wrapped pip command, then its own words.
  for ((i = 2; i < COMP_CWORD; i++)); do
    if [[ ${COMP_WORDS[i]} == -- ]]; then
      if ((i == COMP_CWORD - 1)); then
        COMPREPLY=($(compgen -W 'pip pip3 python python3' -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      return
    fi
  done
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W 'explain run init rehash completion config doctor user trust setup org --help --version' -- "$cur"))
    return
  fi
  case ${COMP_WORDS[1]} in
    explain) COMPREPLY=($(compgen -W '--json --set --' -- "$cur")) ;;
    run) COMPREPLY=($(compgen -W '--quiet --set --' -- "$cur")) ;;
    init) COMPREPLY=($(compgen -W '--write --ci bash zsh fish sh' -- "$cur")) ;;
    completion) if ((COMP_CWORD == 2)); then COMPREPLY=($(compgen -W 'bash zsh fish' -- "$cur")); fi ;;
    rehash)
      if [[ $prev == --dir ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
      else
        COMPREPLY=($(compgen -W '--dir --remove --follow' -- "$cur"))
      fi
      ;;
    config)
      # config [--json], and config validate [--strict] [FILE]
      if ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W '--json validate' -- "$cur"))
      elif [[ ${COMP_WORDS[2]} == validate ]]; then
        COMPREPLY=($(compgen -W '--strict' -- "$cur") $(compgen -f -- "$cur"))
      fi
      ;;
    doctor) COMPREPLY=($(compgen -W '--json' -- "$cur")) ;;
    org)
      # org apply [--check] [--undo]
      if ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W 'apply' -- "$cur"))
      else
        COMPREPLY=($(compgen -W '--check --undo' -- "$cur"))
      fi
      ;;
    trust) COMPREPLY=($(compgen -W '--revoke' -- "$cur") $(compgen -f -- "$cur")) ;;
    setup)
      if [[ $prev == --bin-dir || $prev == --prefix ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
      elif [[ $prev == --audit-file ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
      elif [[ $prev == --preset ]]; then
        COMPREPLY=()
      else
        COMPREPLY=($(compgen -W '--yes --no-modify-rc --bin-dir --uninstall --purge --system --preset --audit-file --syslog --prefix --help' -- "$cur"))
      fi
      ;;
    user)
      if ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W 'list clean' -- "$cur"))
      elif [[ $prev == --python ]]; then
        COMPREPLY=($(compgen -c -- "$cur"))
      else
        COMPREPLY=($(compgen -W '--python --dry-run --yes --json --help' -- "$cur"))
      fi
      ;;
  esac
}
complete -o filenames -F _pipwarden pipwarden
