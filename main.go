// Command gokernel is a Jupyter kernel for Go. Run `gokernel install` to
// register it with Jupyter; Jupyter then starts `gokernel run`.
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/internal/trim"
	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/engine/assist"
	"github.com/gokernel/gokernel/kernel/jupyter"
	"github.com/gokernel/gokernel/kernel/jupyter/history"
	"github.com/gokernel/gokernel/kernel/jupyter/kernelspec"
	"github.com/gokernel/gokernel/kernel/jupyter/wire"
	"github.com/gokernel/gokernel/kernel/worker"
)

// Version is gokernel's version.
const Version = "0.1.0"

//go:embed kernel.json
var kernelJSON []byte

const usage = `gokernel — a Jupyter kernel for Go

Usage:
  gokernel install [--user | --sys-prefix | --prefix DIR]   register the "gokernel" kernelspec
  gokernel uninstall [--user | --sys-prefix | --prefix DIR] remove it
  gokernel run --connection-file FILE                       serve a Jupyter connection (Jupyter runs this)
  gokernel version                                          print the version

Without an option, install writes the system-wide kernelspec, as
"jupyter kernelspec install" does.
`

func main() {
	log.SetFlags(0)
	log.SetPrefix("gokernel: ")
	if err := dispatch(os.Args[1:], os.Stdout); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

func dispatch(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return errors.New("missing command")
	}
	switch args[0] {
	case "install", "uninstall":
		return installCommand(args[0], args[1:], stdout)
	case "run":
		trim.StartupPages()
		return runCommand(args[1:])
	case "worker":
		trim.StartupPages()
		return worker.Serve()
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "gokernel %s (%s)\n", Version, runtime.Version())
		return nil
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stdout, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func installCommand(name string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var t kernelspec.Target
	fs.BoolVar(&t.User, "user", false, "install for the current user")
	fs.BoolVar(&t.SysPrefix, "sys-prefix", false, "install into the active Python environment (conda or virtualenv)")
	fs.StringVar(&t.Prefix, "prefix", "", "install into `DIR`/share/jupyter/kernels")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected argument %q", name, fs.Arg(0))
	}
	if name == "uninstall" {
		dir, err := kernelspec.Uninstall(t)
		if err == nil {
			fmt.Fprintf(stdout, "Removed the gokernel kernelspec from %s\n", dir)
		}
		return err
	}
	exe, err := kernelspec.Executable()
	if err != nil {
		return fmt.Errorf("find the gokernel binary: %w", err)
	}
	dir, err := kernelspec.Install(t, kernelJSON, exe)
	if err == nil {
		fmt.Fprintf(stdout, "Installed the gokernel kernelspec in %s\n", dir)
	}
	return err
}

func runCommand(args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	conn := fs.String("connection-file", "", "the Jupyter connection `FILE`")
	fs.StringVar(conn, "f", "", "shorthand for --connection-file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *conn == "" {
		return errors.New("run: --connection-file is required")
	}
	info, err := wire.ReadConnectionFile(*conn)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find the gokernel binary: %w", err)
	}
	store, err := history.Open(history.DefaultPath())
	if err != nil {
		log.Printf("history disabled: %v", err)
		store = nil
	}
	k := jupyter.New(jupyter.Config{
		Connection:  info,
		Interpreter: engine.New(exe, editorServices),
		History:     store,
		Info:        kernelInfo(),
	})
	return serve(k)
}

// serve runs k until shutdown, turning SIGINT into an interrupt and SIGTERM
// into a clean exit.
func serve(k *jupyter.Kernel) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range signals {
			if s == os.Interrupt {
				k.Interrupt()
				continue
			}
			cancel()
		}
	}()
	go watchParent(cancel)
	_, err := k.Run(ctx)
	return err
}

// watchParent stops the kernel when the process that started it (Jupyter,
// VS Code) dies without asking, as ipykernel's parent poller does: the
// kernel is re-parented, so its parent pid changes.
func watchParent(stop func()) {
	parent := os.Getppid()
	for range time.Tick(time.Second) {
		if os.Getppid() != parent {
			log.Printf("the parent process %d has exited; shutting down", parent)
			stop()
			return
		}
	}
}

// editorServices builds completion and documentation for every package a
// cell can import. Documentation is parsed on first use, not at start: it
// costs memory for packages nobody asks about.
func editorServices() *assist.Services {
	services := assist.New(assist.FromYaegi(worker.Packages()))
	services.AddSource(display.ImportPath, display.Source)
	return services
}

func kernelInfo() jupyter.Info {
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	return jupyter.Info{
		Implementation:        "gokernel",
		ImplementationVersion: Version,
		LanguageVersion:       goVersion,
		Banner:                fmt.Sprintf("gokernel %s — Go %s, interpreted by yaegi", Version, goVersion),
		HelpLinks: []jupyter.HelpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "gokernel", URL: "https://github.com/gokernel/gokernel"},
		},
	}
}
