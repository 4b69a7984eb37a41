import StampedeCLI

StampedeCommand.main()
