from salescoach.cli.app import main

main()
