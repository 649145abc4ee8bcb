package io.amp.keycloak.tokenbenchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The data of the scale part, decided before anything is created, so that it is the same on every
 * run and the generator, the scenarios and the admin calls agree on it. At full size (fraction 1):
 * 10,000 sites in 100 accounts of 10 departments, 100 consultant groups, 1,000 consultants and
 * exactly 100,000 group grants, in the {@code portal} realm.
 *
 * <p>The groups are of three kinds, in this order:
 * <ul>
 * <li>tier groups, granted the first 1, 10, 100 and 1,000 sites: the consultants holding 1, 10,
 *     100 and 1,000 sites are each in one of them;</li>
 * <li>ten window groups, each granted one tenth of the sites: the consultant holding all 10,000
 *     sites is in the ten (10,000 grants reached through 10 groups);</li>
 * <li>filler groups, which share the remaining grants evenly (about 1,030 sites each, a contiguous
 *     run of site numbers from a start spread over the sites); the other consultants are in them,
 *     and the admin calls of the scale part grant and toggle only their sites, so the measured
 *     consultants' holdings never change.</li>
 * </ul>
 */
record ScalePlan(int sites, int accounts, int departmentsPerAccount, int groups, int consultants, int grants, int catalogUsers) {

    static final String REALM = "portal";
    private static final int[] TIERS = {1, 10, 100, 1000};
    private static final int WINDOWS = 10;

    /** One consultant whose token cost is measured: the sites they hold and the groups that give them. */
    record Holder(String username, int sitesHeld, List<Integer> groups) {
    }

    static ScalePlan of(double fraction) {
        int sites = Math.max(20, (int) Math.round(10_000 * fraction));
        int accounts = Math.max(1, sites / 100);
        int consultants = Math.max(10, (int) Math.round(1_000 * fraction));
        int grants = (int) Math.round(100_000 * fraction);
        return new ScalePlan(sites, accounts, 10, 100, consultants, grants, Math.max(1, (int) Math.round(10 * fraction)));
    }

    String siteKey(int site) {
        return String.format("scale-%05d", site);
    }

    String groupName(int group) {
        return String.format("scale-group-%03d", group);
    }

    String accountAlias(int account) {
        return String.format("scale-account-%03d", account);
    }

    int sitesPerAccount() {
        return (sites + accounts - 1) / accounts;
    }

    int accountOf(int site) {
        return site / sitesPerAccount();
    }

    int departmentOf(int site) {
        return (site % sitesPerAccount()) * departmentsPerAccount / sitesPerAccount();
    }

    private int tierCount() {
        return (int) IntStream.of(TIERS).filter(tier -> tier < sites).count();
    }

    int firstFiller() {
        return tierCount() + WINDOWS;
    }

    int fillerCount() {
        return groups - firstFiller();
    }

    boolean isFiller(int group) {
        return group >= firstFiller();
    }

    /** The sites granted to {@code group}, as site numbers. */
    int[] sitesOf(int group) {
        int tiers = tierCount();
        if (group < tiers) {
            return IntStream.range(0, TIERS[group]).toArray();
        }
        if (group < firstFiller()) {
            int window = group - tiers;
            return IntStream.range(window * sites / WINDOWS, (window + 1) * sites / WINDOWS).toArray();
        }
        int start = fillerStart(group);
        return IntStream.range(0, fillerLength(group)).map(k -> (start + k) % sites).toArray();
    }

    /** The {@code k}-th site not yet granted to filler {@code group} (k from 0), for the admin calls' new grants; -1 when none is left. */
    int ungrantedSite(int group, int k) {
        int length = fillerLength(group);
        return k < sites - length ? (fillerStart(group) + length + k) % sites : -1;
    }

    private int fillerStart(int group) {
        return (int) ((group * 7_919L) % sites);
    }

    private int fillerLength(int group) {
        int fixed = IntStream.of(TIERS).filter(tier -> tier < sites).sum() + sites;
        int rest = Math.max(0, grants - fixed);
        int index = group - firstFiller();
        int length = rest / fillerCount() + (index < rest % fillerCount() ? 1 : 0);
        return Math.min(sites, length);
    }

    int totalGrants() {
        return IntStream.range(0, groups).map(group -> sitesOf(group).length).sum();
    }

    /** The measured consultants, from the fewest sites to all of them. */
    List<Holder> holders() {
        List<Holder> holders = new ArrayList<>();
        int tiers = tierCount();
        for (int t = 0; t < tiers; t++) {
            holders.add(new Holder("scale.sites-" + TIERS[t], TIERS[t], List.of(t)));
        }
        holders.add(new Holder("scale.sites-" + sites, sites, IntStream.range(tiers, firstFiller()).boxed().toList()));
        return holders;
    }

    /** The other consultants: username and their one filler group. */
    String regularConsultant(int index) {
        return String.format("scale.consultant-%04d", index);
    }

    int groupOfRegular(int index) {
        return firstFiller() + index % fillerCount();
    }

    int regularConsultants() {
        return Math.max(0, consultants - holders().size());
    }

    String catalogUser(int index) {
        return String.format("scale.catalog-%02d", index + 1);
    }
}
