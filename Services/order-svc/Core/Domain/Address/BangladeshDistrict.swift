/// The 64 districts (zila) of Bangladesh, which couriers there route by.
public enum BangladeshDistrict {
    /// The official English names, grouped by division, in the spellings adopted in 2018.
    public static let names: [String] = [
        // Dhaka division
        "Dhaka", "Faridpur", "Gazipur", "Gopalganj", "Kishoreganj", "Madaripur", "Manikganj", "Munshiganj",
        "Narayanganj", "Narsingdi", "Rajbari", "Shariatpur", "Tangail",
        // Chattogram division
        "Bandarban", "Brahmanbaria", "Chandpur", "Chattogram", "Cox's Bazar", "Cumilla", "Feni", "Khagrachhari",
        "Lakshmipur", "Noakhali", "Rangamati",
        // Rajshahi division
        "Bogura", "Chapainawabganj", "Joypurhat", "Naogaon", "Natore", "Pabna", "Rajshahi", "Sirajganj",
        // Khulna division
        "Bagerhat", "Chuadanga", "Jashore", "Jhenaidah", "Khulna", "Kushtia", "Magura", "Meherpur", "Narail",
        "Satkhira",
        // Barishal division
        "Barguna", "Barishal", "Bhola", "Jhalokati", "Patuakhali", "Pirojpur",
        // Sylhet division
        "Habiganj", "Moulvibazar", "Sunamganj", "Sylhet",
        // Rangpur division
        "Dinajpur", "Gaibandha", "Kurigram", "Lalmonirhat", "Nilphamari", "Panchagarh", "Rangpur", "Thakurgaon",
        // Mymensingh division
        "Jamalpur", "Mymensingh", "Netrokona", "Sherpur",
    ]

    /// Spellings in wide use before 2018 and common variants, mapped to the official name.
    static let formerSpellings: [String: String] = [
        "chittagong": "Chattogram", "comilla": "Cumilla", "bogra": "Bogura", "jessore": "Jashore",
        "barisal": "Barishal", "jhalakathi": "Jhalokati", "jhalokathi": "Jhalokati", "maulvibazar": "Moulvibazar",
        "netrakona": "Netrokona", "nawabganj": "Chapainawabganj",
        "laxmipur": "Lakshmipur", "narshingdi": "Narsingdi", "khagrachari": "Khagrachhari",
        "jaipurhat": "Joypurhat", "coxsbazar": "Cox's Bazar",
    ]

    private static let byKey: [String: String] = {
        var table = formerSpellings
        for name in names { table[key(name)] = name }
        return table
    }()

    /// Returns the official name of the district written as `text`, ignoring letter case,
    /// spaces, hyphens and apostrophes and accepting former spellings; nil for anything else.
    public static func canonicalName(_ text: String) -> String? {
        byKey[key(text)]
    }

    private static func key(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter })
    }
}
