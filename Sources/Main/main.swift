import StampedeCLI

await StampedeCommand.runMain()
