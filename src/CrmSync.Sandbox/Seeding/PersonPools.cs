namespace CrmSync.Sandbox.Seeding;

/// <summary>Word pools for generated people; includes accents and apostrophes to exercise escaping.</summary>
internal static class PersonPools
{
    public static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley",
        "José", "María", "Chloé", "Zoë", "Søren", "Anaïs", "Łukasz", "Renée", "Björn", "Inés",
        "Wei", "Yuki", "Priya", "Arjun", "Fatima", "Omar", "Aisha", "Kwame", "Olga", "Dmitri",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "O'Brien", "O'Neil", "Müller", "Núñez", "Dubois", "Kowalski", "Nakamura", "Patel", "Okafor", "Van der Berg",
        "Ivanova", "Schmidt", "Rossi", "Jensen", "Björk", "Chen", "Kim", "Nguyen", "Ahmed", "D'Angelo",
    ];

    public static readonly string[] Companies =
    [
        "Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries", "Wayne Enterprises", "Hooli",
        "Vandelay Industries", "Soylent Foods", "Tyrell Systems", "Cyberdyne", "Wonka Confectionery",
        "Massive Dynamic", "Pied Piper", "Aperture Labs", "Blue Sun", "Oceanic Air", "Duff Brewing",
        "Gringotts Finance", "Nakatomi Trading",
    ];

    public static readonly string[] JobTitles =
    [
        "Sales Manager", "Account Executive", "CTO", "CEO", "Marketing Director", "Software Engineer",
        "Procurement Lead", "Office Manager", "VP Operations", "Data Analyst", "Customer Success Manager",
        "Head of IT", "Financial Controller", "HR Business Partner", "Product Manager",
    ];

    public static readonly (string City, string State, string ZipPrefix, string Country, string AreaCode)[] Places =
    [
        ("Boston", "MA", "021", "United States", "617"), ("New York", "NY", "100", "United States", "212"),
        ("San Francisco", "CA", "941", "United States", "415"), ("Austin", "TX", "787", "United States", "512"),
        ("Chicago", "IL", "606", "United States", "312"), ("Seattle", "WA", "981", "United States", "206"),
        ("Denver", "CO", "802", "United States", "303"), ("Miami", "FL", "331", "United States", "305"),
        ("Toronto", "ON", "M5V", "Canada", "416"), ("Vancouver", "BC", "V6B", "Canada", "604"),
    ];

    public static readonly string[] Streets =
    [
        "Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine St", "Elm St", "Washington Blvd", "Lake Rd",
        "Hillcrest Ave", "Sunset Blvd",
    ];

    public static readonly string[] FreeMailDomains = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com"];

    /// <summary>HubSpot's internal lifecycle stage values, the neutral vocabulary for both emulators.</summary>
    public static readonly string[] LifecycleStages =
    [
        "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other",
    ];
}
