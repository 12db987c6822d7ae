package io.hyperindex.gateway.ops;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.engine.Reports;
import io.hyperindex.gateway.fees.IncentivePlan;
import io.hyperindex.gateway.fees.Statement;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code report}: reports read from a data directory's journal; they work on a stopped gateway and beside a running one. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Reports read from a data directory's journal (the gateway may be running or stopped).",
        subcommands = {ReportCommand.StatementCommand.class, ReportCommand.RiskCommand.class})
final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing report: choose statement or risk");
    }

    /** Output formats of a statement. */
    enum Format { json, csv }

    /** {@code report statement}: one account's fees, rebates, volume, tiers and tokens for a range of UTC days. */
    @Command(name = "statement", mixinStandardHelpOptions = true,
            description = "An account's statement for the UTC days FROM..TO inclusive: volume, fills, fees, rebates,"
                    + " net, tiers and incentive tokens (docs/fees.md).")
    static final class StatementCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--account", required = true, paramLabel = "ID", description = "account id")
        String account;

        @CommandLine.Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "first UTC day")
        LocalDate from;

        @CommandLine.Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "last UTC day (inclusive)")
        LocalDate to;

        @CommandLine.Option(names = "--format", defaultValue = "json", paramLabel = "json|csv",
                description = "output format (default: ${DEFAULT-VALUE})")
        Format format;

        @CommandLine.Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR",
                description = "the gateway's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            if (to.isBefore(from)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
            }
            Statement s;
            try {
                s = Reports.statement(dataDir, account, from, to, Long.MAX_VALUE);
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("cannot build the statement: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.EXIT_FAILURE;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.csv) {
                out.print(s.toCsv());
            } else {
                out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(json(s)));
            }
            out.flush();
            return 0;
        }

        /** The statement as JSON: amounts as decimal strings (USDC, tokens), never floating point. */
        private static Map<String, Object> json(Statement s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", s.account());
            m.put("from", s.from().toString());
            m.put("to", s.to().toString());
            m.put("makerVolumeUsdc", Money.format(s.makerVolume()));
            m.put("takerVolumeUsdc", Money.format(s.takerVolume()));
            m.put("trades", s.trades());
            m.put("feesUsdc", Money.format(s.fees()));
            m.put("rebatesUsdc", Money.format(s.rebates()));
            m.put("netUsdc", Money.format(s.net()));
            m.put("tierAtStart", s.tierAtStart());
            m.put("tierChanges", s.tierChanges());
            m.put("tokensAccrued", IncentivePlan.format(s.tokensAccrued()));
            m.put("tokensGranted", IncentivePlan.format(s.tokensGranted()));
            return m;
        }
    }

    /** {@code report risk}: one account's daily risk report (docs/risk.md). */
    @Command(name = "risk", mixinStandardHelpOptions = true,
            description = "An account's risk report for one UTC day: P&L, fees, peak exposure, breaches and risk refusals.")
    static final class RiskCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--account", required = true, paramLabel = "ID", description = "account id")
        String account;

        @CommandLine.Option(names = "--day", required = true, paramLabel = "YYYY-MM-DD", description = "the UTC day")
        LocalDate day;

        @CommandLine.Option(names = "--format", defaultValue = "json", paramLabel = "json|csv",
                description = "output format (default: ${DEFAULT-VALUE})")
        Format format;

        @CommandLine.Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR",
                description = "the gateway's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            io.hyperindex.gateway.engine.RiskReport r;
            try {
                r = Reports.riskReport(dataDir, account, day, Long.MAX_VALUE);
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("cannot build the risk report: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.EXIT_FAILURE;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.csv) {
                out.print(r.toCsv());
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("account", r.account());
                m.put("day", r.day().toString());
                m.put("pnlUsdc", Money.format(r.pnl()));
                m.put("feesUsdc", Money.format(r.fees()));
                m.put("peakGrossExposureUsdc", Money.format(r.peakGrossExposure()));
                m.put("endGrossExposureUsdc", Money.format(r.endGrossExposure()));
                m.put("trades", r.trades());
                m.put("breaches", r.breaches());
                m.put("riskRejections", r.rejections());
                out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(m));
            }
            out.flush();
            return 0;
        }
    }
}
