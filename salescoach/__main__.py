from salescoach.cli.entry import main

main()
